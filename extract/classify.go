package extract

var remoteTypes = []string{
	"Air/drone strike", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED",
	"Suicide bomb", "Grenade", "Chemical weapon",
}

var vacTypes = []string{"Attack", "Abduction/forced disappearance", "Sexual violence"}

var strategicTypes = []string{
	"Arrests", "Change to group/activity", "Disrupted weapons use", "Headquarters or base established",
	"Looting/property destruction", "Non-violent transfer of territory", "Other", "Agreement",
}

func argmax(s map[string]float64, types []string) (string, float64) {
	best, bs := "", 0.0
	for _, t := range types {
		if s[t] > bs {
			best, bs = t, s[t]
		}
	}
	return best, bs
}

// group names the family a trigger type belongs to, for picking the trigger
// that anchors the decided type.
func group(typ string) string {
	switch typ {
	case "Peaceful protest", "Protest with intervention", "Excessive force against protesters",
		"Violent demonstration", "Mob violence", "#riot", "#intervene", "#lethal", "#crowd":
		return "protest"
	case "#agree", "Agreement":
		return "agree"
	}
	for _, t := range strategicTypes {
		if t == typ {
			return "strategic:" + t
		}
	}
	return "violence"
}

// decide picks a sub-event type from weighted trigger scores. It may return
// "#violence" (harm whose type depends on the target) or "#takeover".
func decide(s map[string]float64) string {
	typ := decideTrigger(s)
	if s["#crowd"] > 0 {
		// hand-to-hand violence by a crowd whose size is told: a mob, not
		// an armed group
		switch typ {
		case "#violence", "Attack", "Armed clash", "Abduction/forced disappearance":
			return "Mob violence"
		}
	}
	return typ
}

func decideTrigger(s map[string]float64) string {
	remote, rs := argmax(s, remoteTypes)
	if s["#suicide"] > 0 && (remote == "Remote explosive/landmine/IED" || s["#violence"] > 0 || rs > 0) {
		remote, rs = "Suicide bomb", rs+s["#suicide"]
	}
	// shots and bursts of fire are a battle's only when no heavier weapon
	// is named; otherwise they are that weapon's fire
	armed := s["Armed clash"]
	if rs == 0 {
		armed += s["#shots"]
	}
	clash := armed + s["#exchange"]
	vac, vs := argmax(s, vacTypes)
	violence := s["#violence"]
	// a crowd's size tag ("[size=dozens]") says the event is a
	// demonstration or a riot, not which
	crowd := s["#crowd"]
	protest := s["Peaceful protest"] + crowd
	harm := s["#violence"] + s["Attack"] + armed
	riot := s["Violent demonstration"] + s["#riot"]
	mob := s["Mob violence"]
	strat, ss := argmax(s, strategicTypes[:len(strategicTypes)-1])
	agree := s["#agree"]
	violent := rs + clash + vs + violence + s["#takeover"]

	if protest > 0 || s["Violent demonstration"] > 0 || mob > 0 {
		pt := protest + s["Violent demonstration"] + mob + 0.5*s["#riot"] + 0.5*s["#intervene"]
		if pt >= 0.6*violent && pt >= 0.7*ss {
			switch {
			case mob > 0 && mob >= protest:
				return "Mob violence"
			case crowd > 0 && protest == crowd && s["Violent demonstration"] == 0 && harm > 0:
				// a crowd hurt people and nobody demonstrated
				return "Mob violence"
			case riot > 0 && (s["Violent demonstration"] > 0 || s["#riot"] >= 0.25*protest):
				return "Violent demonstration"
			case armed > 0 && s["#intervene"] == 0 && s["#lethal"] == 0:
				return "Violent demonstration" // demonstrators clashed
			case s["#lethal"] > 0 && (violence > 0 || s["#lethal"] >= 2):
				return "Excessive force against protesters"
			case s["#intervene"] > 0:
				return "Protest with intervention"
			}
			return "Peaceful protest"
		}
	}
	if ss > 0 && ss >= violent {
		if agree > ss {
			return "Agreement"
		}
		return strat
	}
	if agree > 0 && agree >= violent {
		return "Agreement"
	}
	if violent == 0 {
		if riot > 0 {
			return "Violent demonstration"
		}
		if ss > 0 {
			return strat
		}
		return ""
	}
	if s["#takeover"] > 0 && s["#takeover"] >= rs && s["#takeover"] >= vs {
		return "#takeover"
	}
	// fire from both sides, or a clash around the shelling, is one battle:
	// ACLED merges remote violence within an ongoing battle into it
	if s["#exchange"] > 0 || armed > 0 && armed >= 0.5*rs && armed >= vs {
		return "Armed clash"
	}
	if rs > 0 && rs >= clash && rs >= vs {
		return remote
	}
	if clash > 0 && clash >= vs {
		return "Armed clash"
	}
	if vs > 0 {
		return vac
	}
	return "#violence"
}

// isAgreementSentence reports whether a sentence is about an agreement
// rather than about violence.
func (a *analysis) isAgreementSentence(si int) bool {
	agree, other := 0.0, 0.0
	for _, hi := range a.sentHits.of(si) {
		tr := lex.triggers[a.hits[hi].trig]
		if tr.Type == "#agree" {
			agree += tr.Weight
		} else if group(tr.Type) == "violence" && tr.Type != "strike" {
			other += tr.Weight
		}
	}
	return agree >= 4 && agree > other
}
