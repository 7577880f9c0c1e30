package eval

import (
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep-dev/sitrep"
)

// ploverSet names the set in figures.
const ploverSet = "plover"

type ploverRecord struct {
	ID      string          `json:"id"`
	Date    string          `json:"date"`
	Event   string          `json:"event"`
	Text    string          `json:"text"`
	Dead    json.RawMessage `json:"dead"`
	Injured json.RawMessage `json:"injured"`
}

// PLOVER scores the system on PLOVER_GSR_CAMEO.json.
//
// PLOVER figures, over the gold standard's coded sentences (the
// documentation record is skipped), scored on the main event:
//
//   - event_type: the event's PLOVER field equals the gold event
//     ("ASSAULT", "PROTEST", ...), case-insensitively.
//   - dead: the event's fatalities equal the gold "dead", over the records
//     that give it.
//   - injured: some wounded claim of the event counts the gold "injured"
//     (count_low or count_high), over the records that give it.
func PLOVER(path string, sys System) ([]Figure, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var recs []ploverRecord
	if err := json.Unmarshal(raw, &recs); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	type gold struct {
		event               string
		dead, injured       int
		hasDead, hasInjured bool
	}
	var golds []gold
	var docs []*sitrep.Document
	for _, r := range recs {
		if strings.TrimSpace(r.Text) == "" || r.Event == "DOCUMENT" {
			continue
		}
		g := gold{event: r.Event}
		if g.dead, g.hasDead, err = ploverCount(r.Dead); err != nil {
			return nil, fmt.Errorf("%s: record %s: dead: %w", path, r.ID, err)
		}
		if g.injured, g.hasInjured, err = ploverCount(r.Injured); err != nil {
			return nil, fmt.Errorf("%s: record %s: injured: %w", path, r.ID, err)
		}
		doc := newDocument("plover:"+r.ID, path+"#"+r.ID, "", r.Text)
		if d, err := time.Parse(sitrep.DateLayout, r.Date); err == nil {
			doc.Published = d
		}
		golds = append(golds, g)
		docs = append(docs, doc)
	}
	all, failed, firstErr := extractEach(sys, docs)
	var eventType, dead, injured tally
	for i, g := range golds {
		var e *sitrep.Event
		if len(all[i]) > 0 {
			e = &all[i][0]
		}
		eventType.add(e != nil && e.PLOVER != "" && strings.EqualFold(e.PLOVER, g.event))
		if g.hasDead {
			dead.add(e != nil && e.Fatalities == g.dead)
		}
		if g.hasInjured {
			injured.add(e != nil && hasCount(e.Claims, sitrep.Wounded, g.injured))
		}
	}
	figs := []Figure{
		eventType.figure(ploverSet, "event_type"),
		dead.figure(ploverSet, "dead"),
		injured.figure(ploverSet, "injured"),
	}
	if failed > 0 {
		figs = append(figs, Figure{Set: ploverSet, Name: "system_errors", Value: float64(failed), N: eventType.n})
	}
	return figs, firstErr
}

// ploverCount reads a count written as a JSON string or number; absent or
// empty means the record gives none.
func ploverCount(raw json.RawMessage) (int, bool, error) {
	s := strings.TrimSpace(string(raw))
	if s == "" || s == "null" || s == `""` {
		return 0, false, nil
	}
	if uq, err := strconv.Unquote(s); err == nil {
		s = strings.TrimSpace(uq)
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, false, fmt.Errorf("not a count: %s", raw)
	}
	return n, true, nil
}

// hasCount reports whether some claim of kind counts n, low or high.
func hasCount(claims []sitrep.Claim, kind string, n int) bool {
	for _, c := range claims {
		if c.Kind == kind && (c.CountLow == n || c.CountHigh == n) {
			return true
		}
	}
	return false
}
