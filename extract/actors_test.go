package extract

import "testing"

// actorCase is a sentence and the actors ACLED would give its main event:
// the interaction code and names that must be among actor1 and actor2.
type actorCase struct {
	text        string
	interaction int
	names       []string
}

func checkActors(t *testing.T, cases []actorCase) {
	t.Helper()
	x := New(newFakeGeo())
	for _, c := range cases {
		ev := mainEvent(t, x, c.text, "2021-06-04")
		ok := ev.Interaction == c.interaction
		for _, n := range c.names {
			if ev.Actor1 != n && ev.Actor2 != n {
				ok = false
			}
		}
		if !ok {
			t.Errorf("%q\n got %q / %q (%d), want %v (%d)", c.text, ev.Actor1, ev.Actor2, ev.Interaction, c.names, c.interaction)
		}
	}
}

// TestNamedArmedGroups: armed groups known by name or acronym get their
// ACLED name and inter code; an acronym that means different groups in
// different wars is read by the country the text is about.
func TestNamedArmedGroups(t *testing.T) {
	checkActors(t, []actorCase{
		{"On 3 June 2021, fighters of Ahrar al-Sham clashed with the Hamza Division near Aleppo in Syria.", 22, []string{"AAS: Ahrar al Sham", "Hamza Division"}},
		{"On 3 June 2021, JaS fighters clashed with Jaysh al-Islam near Aleppo in Syria.", 22, []string{"JaS: Levant Front", "Jaysh al Islam"}},
		{"On 3 June 2021, JAS fighters attacked a military base near Maiduguri in Nigeria.", 12, []string{"Boko Haram - Jamatu Ahli is-Sunnah lid-Dawatai wal-Jihad"}},
		{"On 3 June 2021, a TMF fighter was shot dead by Islamic State snipers in Iraq.", 24, []string{"TMF: Tribal Mobilization Forces"}},
		{"On 3 June 2021, Puntland Dervish forces clashed with Islamic State militants in Somalia.", 12, []string{"Military Forces of Somalia (2017-) Puntland Dervish Force"}},
		{"On 3 June 2021, FPRC rebels clashed with Anti-Balaka militiamen in the Central African Republic.", 24, []string{"FPRC: Popular Front for the Renaissance of Central Africa", "Anti-Balaka"}},
		{"On 3 June 2021, APCLS combatants clashed with Nyatura fighters in the Democratic Republic of Congo.", 33, []string{"APCLS: Alliance of Patriots for a Free and Sovereign Congo", "Nyatura Militia"}},
		{"On 3 June 2021, the IRGC clashed with gunmen near the border of Iran.", 13, []string{"Military Forces of Iran (1989-) Islamic Revolutionary Guard Corps"}},
		{"On 3 June 2021, AA fighters clashed with the Myanmar military in Myanmar.", 12, []string{"ULA/AA: United League of Arakan/Arakan Army"}},
		{"On 3 June 2021, police officers clashed with CV members in a favela in Brazil.", 13, []string{"CV: Comando Vermelho"}},
	})
}

// TestUnknownParties: an attacker the text leaves unknown is ACLED's
// unidentified armed group; unknown aircraft are unidentified military
// forces.
func TestUnknownParties(t *testing.T) {
	checkActors(t, []actorCase{
		{"On 3 June 2021, artillery shells fired by an unknown party fell near Tripoli in Libya.", 30, []string{"Unidentified Armed Group (Libya)"}},
		{"On 3 June 2021, unidentified warplanes carried out airstrikes on a base near Kandahar.", 80, []string{"Unidentified Military Forces"}},
	})
}

// TestCommunityMilitias: a community's people who act as an armed group
// ("Lotuko herders", "Ngok youth"), militias said to come from named
// communities, and two communities joined by "and" are ACLED's identity
// militias (inter 4); a community word that names no one stays out.
func TestCommunityMilitias(t *testing.T) {
	checkActors(t, []actorCase{
		{"On 3 June 2021, Lotuko pastoralists stabbed a soldier near a cattle camp in South Sudan.", 14, []string{"Lotuko Ethnic Militia (South Sudan)"}},
		{"On 3 June 2021, Ngok youth clashed with soldiers near a cattle camp in South Sudan.", 14, []string{"Ngok Ethnic Militia (South Sudan)"}},
		{"On 3 June 2021, militias from Ezza and Ikwo clashed over farmland in Nigeria.", 44, []string{"Ezza Ethnic Militia (Nigeria)", "Ikwo Ethnic Militia (Nigeria)"}},
		{"On 3 June 2021, militiamen from Upper Kafa clashed with soldiers in Nigeria.", 14, []string{"Upper Kafa Ethnic Militia (Nigeria)"}},
		{"On 3 June 2021, Hadendawa and Rashaida groups clashed over grazing land in Sudan.", 44, []string{"Hadendawa Ethnic Militia (Sudan)", "Rashaida Ethnic Militia (Sudan)"}},
		{"On 3 June 2021, armed youth clashed with soldiers near a cattle camp in South Sudan.", 14, nil},
		{"On 3 June 2021, Islamist groups clashed with soldiers in Nigeria.", 13, nil},
	})
}

// TestForcesOfTwoCountries: "the military forces of A and B" are two
// actors, each country's own forces.
func TestForcesOfTwoCountries(t *testing.T) {
	checkActors(t, []actorCase{
		{"On 3 June 2021, military forces of Armenia and Azerbaijan exchanged fire across the border.", 18, []string{"Military Forces of Armenia (2018-)", "Military Forces of Azerbaijan (2003-)"}},
		{"On 3 June 2021, the armed forces of India and Pakistan exchanged fire across the Line of Control in India.", 18, []string{"Military Forces of India (2014-)", "Military Forces of Pakistan (2018-)"}},
	})
}

// TestCounterProtests: demonstrators met by a counter-protest are
// protesters on both sides (66); rioters when the two crowds fought (55).
func TestCounterProtests(t *testing.T) {
	checkActors(t, []actorCase{
		{"On 3 June 2021, hundreds of people protested in Lahore against the new tax. A counter-protest in support of the tax was also held nearby.", 66, []string{"Protesters (Pakistan)"}},
		{"On 3 June 2021, teachers marched in Lahore to demand higher pay, and counter-demonstrators gathered across the street.", 66, []string{"Protesters (Pakistan)"}},
		{"On 3 June 2021, demonstrators in Lahore scuffled with counter-demonstrators and threw stones at them.", 55, []string{"Rioters (Pakistan)"}},
		{"On 3 June 2021, teachers marched in Lahore to demand higher pay.", 60, []string{"Protesters (Pakistan)"}},
	})
}

// TestCivilianProperty: "civilian" before a place or a thing is an
// adjective; shelling civilian houses with no one hurt has no civilian
// actor, while civilians named as people are one.
func TestCivilianProperty(t *testing.T) {
	checkActors(t, []actorCase{
		{"On 3 June 2021, Afghan forces shelled civilian houses near Kandahar. No casualties were reported.", 10, []string{"Military Forces of Afghanistan (2014-)"}},
		{"On 3 June 2021, Afghan forces fired mortars at civilian areas near Kandahar, damaging several buildings.", 10, []string{"Military Forces of Afghanistan (2014-)"}},
		{"On 3 June 2021, Afghan forces shelled a village near Kandahar, killing two civilians.", 17, []string{"Military Forces of Afghanistan (2014-)", "Civilians (Afghanistan)"}},
	})
}

// TestSubjectActsOnObject: in "A targeted B positions with artillery" the
// weapon comes after both sides; A acted on B. Actors joined as allies or
// alternatives ("A or B", "A loyal to B") are not two sides.
func TestSubjectActsOnObject(t *testing.T) {
	checkActors(t, []actorCase{
		{"On 3 June 2021, Afghan forces targeted Taliban positions with heavy artillery near Kandahar.", 12, []string{"Military Forces of Afghanistan (2014-)", "Taliban"}},
		{"On 3 June 2021, Taliban militants hit an Afghan army vehicle near Kandahar using a guided missile.", 12, []string{"Military Forces of Afghanistan (2014-)", "Taliban"}},
		{"On 3 June 2021, Taliban or Islamic State militants fired rockets at Kandahar.", 20, nil},
		{"On 3 June 2021, militants loyal to the Taliban fired rockets at Kandahar.", 20, nil},
	})
}
