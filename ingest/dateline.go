package ingest

import (
	_ "embed"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/sitrep-dev/sitrep"
)

// agencyData lists news agencies: the name recorded first, then aliases.
//
//go:embed agencies.txt
var agencyData string

// notPlaceData lists capitalised slugs that open a line with a dash without
// being a place ("EXCLUSIVE —", "NATO —").
//
//go:embed notplaces.txt
var notPlaceData string

var (
	agencies, agencyWritten = parseAgencies(agencyData)
	notPlaces               = parseWords(notPlaceData)
)

// parseAgencies maps every lower-cased name and alias to the recorded name,
// and lists the names as written and in capitals.
func parseAgencies(data string) (canon map[string]string, written []string) {
	canon = make(map[string]string)
	for line := range strings.Lines(data) {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		names := strings.Split(line, "|")
		name := strings.TrimSpace(names[0])
		for _, n := range names {
			n = strings.TrimSpace(n)
			canon[strings.ToLower(n)] = name
			written = append(written, n)
			if up := strings.ToUpper(n); up != n {
				written = append(written, up)
			}
		}
	}
	return canon, written
}

func parseWords(data string) map[string]bool {
	m := make(map[string]bool)
	for line := range strings.Lines(data) {
		line = strings.ToLower(strings.TrimSpace(line))
		if line != "" && !strings.HasPrefix(line, "#") {
			m[line] = true
		}
	}
	return m
}

// The pieces of a dateline, as regular expression source.
const (
	// A place word: capitalised, with the letters, marks, apostrophes,
	// periods and hyphens of "St.", "Deir ez-Zor", "N'Djamena".
	reWord = `\p{Lu}[\p{L}\p{M}'.\-]*`
	// Lower-case particles inside place names: "Dar es Salaam", "Rio de Janeiro".
	reParticle = `(?:de|da|do|dos|das|del|della|di|du|des|la|le|les|es|ez|az|al|el|au|aux|sur|of|on|upon|am|an|im|bin|ibn)`
	rePlace    = reWord + `(?:\s+(?:` + reParticle + `\s+)?` + reWord + `){0,3}`
	// An all-capitals place: "GAZA CITY", "DEIR EZ-ZOR", "ST. LOUIS".
	reCapsWord  = `\p{Lu}[\p{Lu}\p{M}'.\-]*`
	reCapsPlace = reCapsWord + `(?:\s+` + reCapsWord + `){0,3}`
	reMonth     = `(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`
	// The date a dateline may carry, month first or day first, with an
	// optional year: "May 9", "12 March", "Sept. 3, 2019".
	reDate = `(?:(?P<month>` + reMonth + `)\s+(?P<day>\d{1,2})|(?P<day2>\d{1,2})\s+(?P<month2>` + reMonth + `))(?:,?\s+(?P<year>\d{4}))?`
	// What follows the place: an optional region ("Syria") and date.
	reTail = `(?:\s*,\s*(?P<region>` + rePlace + `))?(?:\s*,\s*` + reDate + `)?`
	// The agency in parentheses: "(Reuters)".
	reParen = `\(\s*(?P<agency>[^()\n]{1,40}?)\s*\)`
	// A dash between dateline and story: em or en dash, or a hyphen set off
	// by a space.
	reDash = `(?:\s*[–—―]+|\s+-{1,2}|-{1,2}\s)`
)

// datelineForms are the conventions Dateline knows, tried in order at the
// start of a line.
var datelineForms = []*regexp.Regexp{
	// "BEIRUT (Reuters) -", "DAMASCUS, Syria (AP) —", "Kyiv, May 9 (Reuters) -",
	// "ALEPPO, Syria, March 3 (Reuters) -", "Beirut, 12 March (AFP) —".
	regexp.MustCompile(`^(?P<place>` + rePlace + `)` + reTail + `\s*` + reParen + `(?:` + reDash + `|\s*:)`),
	// "(AFP) -"
	regexp.MustCompile(`^` + reParen + `(?:` + reDash + `|\s*:)`),
	// "AFP, Beirut :", "Reuters, Kyiv, May 9:"
	regexp.MustCompile(`^(?P<agency>` + agencyAlternation() + `)\s*,\s*(?P<place>` + rePlace + `)` + reTail + `\s*(?::|` + reDash + `)`),
	// "MOGADISHU, Somalia —", "GAZA CITY —": no agency, so the place must be
	// in capitals.
	regexp.MustCompile(`^(?P<place>` + reCapsPlace + `)` + reTail + reDash),
}

// agencyAlternation is a regular expression matching any listed agency name
// as written or in capitals, longest first so that "AFP-JIJI" wins over
// "AFP". It is case-sensitive: "Fars" is an agency, "fars" is not.
func agencyAlternation() string {
	names := make([]string, 0, len(agencyWritten))
	for _, n := range agencyWritten {
		names = append(names, regexp.QuoteMeta(n))
	}
	slices.SortFunc(names, func(a, b string) int {
		if len(a) != len(b) {
			return len(b) - len(a)
		}
		return strings.Compare(a, b)
	})
	return `(?:` + strings.Join(names, "|") + `)`
}

// datelineLines and datelineBytes bound how far into a text Dateline looks:
// past the title, a caption or two and the first paragraph, a line that
// looks like a dateline is a quote or a second story, not where this one was
// filed.
const (
	datelineLines = 6
	datelineBytes = 2000
)

// Dateline finds the wire dateline near the start of text (the cleaned text
// of a document) and returns the agency, the place it was filed from in
// title case ("BEIRUT" becomes "Beirut"; of "DAMASCUS, Syria" only the
// city), the date when the dateline writes one, completed with the year of
// published, and its byte span in text. It returns nil when the first few
// lines carry no dateline.
//
// The place is where the story was written, which says nothing about where
// the events it reports happened.
func Dateline(text string, published time.Time) *sitrep.Dateline {
	offset, seen := 0, 0
	for line := range strings.SplitSeq(text, "\n") {
		if offset > datelineBytes || seen >= datelineLines {
			break
		}
		trimmed := strings.TrimLeftFunc(line, unicode.IsSpace)
		if trimmed != "" {
			seen++
			if d := datelineAt(trimmed, published); d != nil {
				shift := offset + len(line) - len(trimmed)
				d.Span.Start += shift
				d.Span.End += shift
				return d
			}
		}
		offset += len(line) + 1
	}
	return nil
}

// datelineAt matches a dateline at the very start of line, with a span
// relative to line.
func datelineAt(line string, published time.Time) *sitrep.Dateline {
	for _, re := range datelineForms {
		m := re.FindStringSubmatchIndex(line)
		if m == nil {
			continue
		}
		group := func(name string) string {
			i := re.SubexpIndex(name)
			if i < 0 || m[2*i] < 0 {
				return ""
			}
			return line[m[2*i]:m[2*i+1]]
		}
		agency, ok := agencyName(group("agency"))
		if !ok {
			continue
		}
		place := group("place")
		if place != "" && !plausiblePlace(place) {
			continue
		}
		if place == "" && agency == "" {
			continue
		}
		end := m[1]
		// The span ends at the separator, not the space after it.
		for end > 0 && line[end-1] == ' ' {
			end--
		}
		d := &sitrep.Dateline{
			Agency: agency,
			Place:  titleCase(place),
			Span:   sitrep.Span{Start: 0, End: end},
		}
		d.Date = datelineDate(
			firstOf(group("month"), group("month2")),
			firstOf(group("day"), group("day2")),
			group("year"), published)
		return d
	}
	return nil
}

// agencyName returns the recorded name of the agency written as s. An
// unlisted all-capitals token of two to ten letters is taken as written;
// anything else is not an agency. An empty s is fine (no agency).
func agencyName(s string) (string, bool) {
	if s == "" {
		return "", true
	}
	if canon, ok := agencies[strings.ToLower(s)]; ok {
		return canon, true
	}
	n := 0
	for _, c := range s {
		if !unicode.IsUpper(c) {
			return "", false
		}
		n++
	}
	return s, n >= 2 && n <= 10
}

// plausiblePlace rejects wire slugs, organisations and single letters that
// the dateline patterns would otherwise take for a place.
func plausiblePlace(place string) bool {
	if notPlaces[strings.ToLower(place)] {
		return false
	}
	if _, ok := agencies[strings.ToLower(place)]; ok {
		return false
	}
	letters := 0
	for _, c := range place {
		if unicode.IsLetter(c) {
			letters++
		}
	}
	return letters >= 2
}

func firstOf(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// datelineDate returns YYYY-MM-DD for a dateline's month and day, taking the
// year as written or else from published (the year before when that would
// put the dateline more than a week after publication). It returns "" when
// there is no date, no year to complete it with, or no such day.
func datelineDate(month, day, year string, published time.Time) string {
	if month == "" || day == "" {
		return ""
	}
	mon := monthNumber(month)
	d, err := strconv.Atoi(day)
	if mon == 0 || err != nil {
		return ""
	}
	y := 0
	switch {
	case year != "":
		y, _ = strconv.Atoi(year)
	case !published.IsZero():
		y = published.Year()
	default:
		return ""
	}
	t := time.Date(y, mon, d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d || t.Month() != mon {
		return "" // February 30 and the like
	}
	if year == "" {
		pub := time.Date(published.Year(), published.Month(), published.Day(), 0, 0, 0, 0, time.UTC)
		if t.After(pub.AddDate(0, 0, 7)) {
			t = time.Date(y-1, mon, d, 0, 0, 0, 0, time.UTC)
			if t.Day() != d {
				return "" // February 29 in a year without one
			}
		}
	}
	return t.Format(sitrep.DateLayout)
}

// monthNumber reads an English month name or abbreviation.
func monthNumber(s string) time.Month {
	s = strings.ToLower(strings.TrimSuffix(s, "."))
	if len(s) < 3 {
		return 0
	}
	for m := time.January; m <= time.December; m++ {
		if strings.HasPrefix(strings.ToLower(m.String()), s[:3]) {
			return m
		}
	}
	return 0
}

// lowerParticles stay lower case inside a place name written in capitals.
var lowerParticles = parseWords(strings.ReplaceAll(`de da do dos das del della di du des la le les es ez az al el au aux sur of on upon am an im bin ibn`, " ", "\n"))

// titleCase rewrites the words of place that are written in capitals in
// title case ("GAZA CITY" → "Gaza City", "DEIR EZ-ZOR" → "Deir ez-Zor") and
// leaves the others as written ("Kyiv").
func titleCase(place string) string {
	var b strings.Builder
	first := true
	for _, piece := range splitKeep(place) {
		if !isCapsWord(piece) {
			b.WriteString(piece)
			if strings.IndexFunc(piece, unicode.IsLetter) >= 0 {
				first = false
			}
			continue
		}
		lower := strings.ToLower(piece)
		if !first && lowerParticles[lower] {
			b.WriteString(lower)
		} else {
			b.WriteString(capitalize(lower))
		}
		first = false
	}
	return b.String()
}

// splitKeep splits s into words and the spaces and hyphens between them,
// keeping both.
func splitKeep(s string) []string {
	var out []string
	start := 0
	for i, c := range s {
		if c == ' ' || c == '-' {
			if i > start {
				out = append(out, s[start:i])
			}
			out = append(out, s[i:i+1])
			start = i + 1
		}
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

// isCapsWord reports whether w has two or more letters, all upper case.
func isCapsWord(w string) bool {
	n := 0
	for _, c := range w {
		if unicode.IsLetter(c) {
			if !unicode.IsUpper(c) {
				return false
			}
			n++
		}
	}
	return n >= 2
}

// capitalize upper-cases the first letter of w and the first letter after
// an apostrophe ("n'djamena" → "N'Djamena").
func capitalize(w string) string {
	var b strings.Builder
	up := true
	for _, c := range w {
		if up && unicode.IsLetter(c) {
			b.WriteRune(unicode.ToUpper(c))
			up = false
			continue
		}
		if c == '\'' {
			up = true
		}
		b.WriteRune(c)
	}
	return b.String()
}

// startsWithDateline reports whether line opens with a dateline, which
// makes it the start of a story rather than a headline.
func startsWithDateline(line string) bool {
	return datelineAt(strings.TrimLeftFunc(line, unicode.IsSpace), time.Time{}) != nil
}
