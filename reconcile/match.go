package reconcile

import (
	"math"
	"strings"
	"time"
	"unicode"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/text"
)

// radiusKM is how far apart two reports of one incident may place it, by
// the coarser of their geo_precision codes: a named town is a point give or
// take its size; "near X" is within about 25 km (UCDP's where_prec 2).
// Coarser places (3, or no coordinates) must share admin1 instead.
var radiusKM = map[int]float64{1: 10, 2: 25}

// datePad is how many days either side of event_date an event may lie in,
// by time_precision: the day, the week around the date, the month.
var datePad = map[int]int{1: 0, 2: 3, 3: 15}

// maxPad is the widest datePad: a candidate query for an event reaches
// this far beyond the event's own window.
const maxPad = 15

// Match reports whether events a and b can be one incident, and how well
// they fit (higher is better; only comparable between candidates for the
// same event). They can when all of these hold:
//
//   - their types are compatible (compatible.tsv);
//   - their dates overlap, each widened by its time_precision;
//   - their places agree: in one country, and within the distance their
//     geo_precision allows (radiusKM), or in one admin1 — and one admin2
//     when both name theirs — when either is coarser than that; and, when
//     both stand in for places the gazetteer lacks, those places' names
//     agree (sameNamed);
//   - their actors do not contradict each other (see actorsAgree).
//
// Events without a date or without a place below the country are never
// matched: they would match too much.
func Match(a, b *sitrep.Event) (score float64, ok bool) {
	if !matchable(a) || !matchable(b) {
		return 0, false
	}
	dist, precise, ok := placesAgree(a, b)
	if !ok {
		return 0, false
	}
	exactDays := a.TimePrecision <= 1 && b.TimePrecision <= 1
	if !typesAgree(a, b, precise && exactDays) {
		return 0, false
	}
	if !datesOverlap(a, b) {
		return 0, false
	}
	shared, ok := actorsAgree(a, b)
	if !ok {
		return 0, false
	}
	score = 1
	if a.EventType == b.EventType {
		score += 0.5
		if a.SubEventType == b.SubEventType {
			score += 0.5
		}
	}
	if precise {
		score += 1 - dist/radiusKM[max(a.Precision, b.Precision)]
	}
	if (a.GeonameID != 0 && a.GeonameID == b.GeonameID) || (a.Location != "" && fold(a.Location) == fold(b.Location)) {
		score += 0.5
	}
	if a.EventDate == b.EventDate {
		score += 0.5
	}
	if shared {
		score += 0.5
	}
	return score, true
}

// matchable reports whether e has what matching needs: a type, a date and
// a place below the country.
func matchable(e *sitrep.Event) bool {
	if e.EventType == "" || e.ISO3 == "" {
		return false
	}
	if _, err := time.Parse(sitrep.DateLayout, e.EventDate); err != nil {
		return false
	}
	return hasPoint(e) && e.Precision >= 1 && e.Precision <= 2 || e.Admin1 != ""
}

func hasPoint(e *sitrep.Event) bool { return e.Latitude != 0 || e.Longitude != 0 }

// placesAgree compares two places. precise is set when both are points of
// precision 1 or 2, and dist is then their distance in kilometres.
func placesAgree(a, b *sitrep.Event) (dist float64, precise, ok bool) {
	if a.ISO3 != b.ISO3 {
		return 0, false, false
	}
	if a.Named != "" && b.Named != "" && !sameNamed(a.Named, b.Named) {
		// two places the gazetteer lacks, each stood in for by the unit
		// around it: the units may agree, the places do not
		return 0, false, false
	}
	pa, pb := a.Precision >= 1 && a.Precision <= 2 && hasPoint(a), b.Precision >= 1 && b.Precision <= 2 && hasPoint(b)
	if pa && pb {
		d := distanceKM(a.Latitude, a.Longitude, b.Latitude, b.Longitude)
		return d, true, d <= radiusKM[max(a.Precision, b.Precision)]
	}
	if a.Admin1 == "" || fold(a.Admin1) != fold(b.Admin1) {
		return 0, false, false
	}
	// Within the province, two districts named are two places: "in X
	// district" is not the town of another district, nor a village of it.
	// A district's breadth is what a coarse place leaves open, not which
	// district.
	return 0, false, a.Admin2 == "" || b.Admin2 == "" || fold(a.Admin2) == fold(b.Admin2)
}

// sameNamed reports whether two names of places the gazetteer lacks may
// be one name spelled two ways ("Zhabichevo", "Zhabicheve"): the same
// transliteration key, or the same consonant skeleton of three consonants
// or more.
func sameNamed(x, y string) bool {
	kx, ky := text.Key(x), text.Key(y)
	if kx == ky {
		return true
	}
	sx := text.Skeleton(kx)
	return len(sx) >= 3 && sx == text.Skeleton(ky)
}

// typesAgree looks the pair of types up in compatible.tsv.
func typesAgree(a, b *sitrep.Event, precise bool) bool {
	switch compatible[pairOf(a.EventType, b.EventType)] {
	case condAny:
		return true
	case condSameSubtype:
		return a.SubEventType == b.SubEventType
	case condPrecise:
		return precise && a.EventDate == b.EventDate
	}
	return false
}

// window returns the days an event may have happened on, as day numbers.
func window(e *sitrep.Event) (from, to int64) {
	d, _ := time.Parse(sitrep.DateLayout, e.EventDate)
	from, to = dayNumber(d), dayNumber(d)
	if e.DateEnd != "" { // most events have none, and parsing "" builds an error
		if end, err := time.Parse(sitrep.DateLayout, e.DateEnd); err == nil && dayNumber(end) > to {
			to = dayNumber(end)
		}
	}
	pad := int64(datePad[e.TimePrecision])
	return from - pad, to + pad
}

func dayNumber(t time.Time) int64 { return t.Unix() / 86400 }

func datesOverlap(a, b *sitrep.Event) bool {
	af, at := window(a)
	bf, bt := window(b)
	return af <= bt && bf <= at
}

// actorsAgree is lenient, because outlets name actors differently: actors
// contradict only when both events name two sides and the sides share
// neither a name, a distinctive word ("Hayat Tahrir al-Sham" and "HTS
// fighters" do not, "Military Forces of Syria" and "Syrian troops" do, by
// prefix) nor an inter code. Order is ignored: ACLED's actor1 and actor2
// say nothing about who attacked whom. shared reports a common actor.
func actorsAgree(a, b *sitrep.Event) (shared, ok bool) {
	as := []string{a.Actor1, a.Actor2}
	bs := []string{b.Actor1, b.Actor2}
	for _, x := range as {
		for _, y := range bs {
			if x != "" && y != "" && sameActor(x, y) {
				return true, true
			}
		}
	}
	if a.Actor1 == "" || a.Actor2 == "" || b.Actor1 == "" || b.Actor2 == "" {
		return false, true
	}
	for _, x := range []int{a.Inter1, a.Inter2} {
		if x != 0 && (x == b.Inter1 || x == b.Inter2) {
			return false, true
		}
	}
	return false, false
}

// sameActor reports whether two actor names may name one actor: equal, or
// sharing a distinctive word.
func sameActor(x, y string) bool {
	if fold(x) == fold(y) {
		return true
	}
	wx := distinctive(x)
	for _, w := range distinctive(y) {
		for _, v := range wx {
			if prefixWord(w, v) {
				return true
			}
		}
	}
	return false
}

// distinctive returns the words of an actor name outside parentheses that
// are not generic: "Military Forces of Syria (2000-)" → [syria].
func distinctive(name string) []string {
	var out []string
	for _, w := range words(stripParens(name)) {
		if !genericWord[w] && len(w) > 2 {
			out = append(out, w)
		}
	}
	return out
}

// prefixWord reports whether a and b are one word or one starts with the
// other and the shorter has at least four letters ("syria", "syrian").
func prefixWord(a, b string) bool {
	if a == b {
		return true
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	return len(a) >= 4 && strings.HasPrefix(b, a)
}

func stripParens(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '(':
			depth++
		case r == ')' && depth > 0:
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// words splits s into lower-case words of letters and digits.
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// fold normalises a name for comparison: its words, as words gives
// them, joined by single spaces. A name already in that form, as most
// stored names compared again and again are, comes back as it is,
// without allocating.
func fold(s string) string {
	if isFolded(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	gap := false // a separator since the last letter or digit
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			gap = true
			continue
		}
		if gap && b.Len() > 0 {
			b.WriteByte(' ')
		}
		gap = false
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// isFolded reports whether s is ASCII lower-case letters and digits in
// words separated by single spaces: its own fold.
func isFolded(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
		case c == ' ' && i > 0 && i < len(s)-1 && s[i-1] != ' ':
		default:
			return false
		}
	}
	return true
}

// distanceKM is the great-circle distance between two points.
func distanceKM(lat1, lon1, lat2, lon2 float64) float64 {
	const earthKM = 6371.0
	rad := math.Pi / 180
	dlat, dlon := (lat2-lat1)*rad, (lon2-lon1)*rad
	h := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * earthKM * math.Asin(math.Min(1, math.Sqrt(h)))
}

// CandidateQuery returns the store query for incidents e could belong to,
// or false when e is not matchable.
func CandidateQuery(e *sitrep.Event) (sitrep.CandidateQuery, bool) {
	if !matchable(e) {
		return sitrep.CandidateQuery{}, false
	}
	from, to := window(e)
	q := sitrep.CandidateQuery{
		ISO3:   e.ISO3,
		Admin1: e.Admin1,
		From:   time.Unix((from-maxPad)*86400, 0).UTC().Format(sitrep.DateLayout),
		To:     time.Unix((to+maxPad)*86400, 0).UTC().Format(sitrep.DateLayout),
	}
	if hasPoint(e) && e.Precision >= 1 && e.Precision <= 2 {
		r := radiusKM[2]
		dlat := r / 111.0
		dlon := r / (111.0 * math.Max(0.05, math.Cos(e.Latitude*math.Pi/180)))
		q.Box = &sitrep.Box{MinLat: e.Latitude - dlat, MaxLat: e.Latitude + dlat,
			MinLon: e.Longitude - dlon, MaxLon: e.Longitude + dlon}
	}
	return q, true
}
