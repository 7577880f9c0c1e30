package extract

import (
	"strconv"
	"strings"
	"time"
)

// dateCue is a time expression found in a text and what it resolves to.
type dateCue struct {
	span       [2]int // token range [first, last)
	date, end  time.Time
	precision  int  // ACLED time_precision: 1 day, 2 week, 3 month
	background bool // vague past ("last year", "in recent months"): never an event date
	explicit   bool // a written calendar date rather than a relative one
}

var months = map[string]time.Month{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
	"may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
	"september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
	"december": 12, "dec": 12,
}

var weekdays = map[string]time.Weekday{
	"sunday": 0, "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
}

// dateWords are the words a time expression can start at (besides numbers).
var dateWords = func() map[string]bool {
	m := map[string]bool{}
	for k := range months {
		m[k] = true
	}
	for k := range weekdays {
		m[k] = true
	}
	for _, k := range []string{"yesterday", "today", "tonight", "tomorrow", "overnight", "this", "earlier", "last", "past", "previous", "recent", "ago", "came", "comes"} {
		m[k] = true
	}
	return m
}()

// dayNumber reads "9", "09", "9th", "1st".
func dayNumber(k string) int {
	k = strings.TrimRight(k, ".")
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		if strings.HasSuffix(k, suf) && len(k) > len(suf) {
			k = k[:len(k)-len(suf)]
			break
		}
	}
	if len(k) == 0 || len(k) > 2 {
		return 0
	}
	n, err := strconv.Atoi(k)
	if err != nil || n < 1 || n > 31 {
		return 0
	}
	return n
}

func yearNumber(t token) int {
	if t.kind != 'd' || len(t.key) != 4 {
		return 0
	}
	n, _ := strconv.Atoi(t.key)
	if n < 1900 || n > 2100 {
		return 0
	}
	return n
}

// monthAt reports the month named by toks[i], guarding the verb "may" and
// the abbreviations that are also words.
func monthAt(toks []token, i int) (time.Month, bool) {
	m, ok := months[toks[i].key]
	if !ok {
		return 0, false
	}
	switch toks[i].key {
	case "may", "mar", "jun", "jul", "dec", "jan", "sep", "oct", "nov", "aug", "apr", "feb":
		if !toks[i].upper {
			return 0, false
		}
		if toks[i].key == "may" {
			// "May" as a month sits next to a day, a year or "in/early/late/mid".
			ok := false
			if i+1 < len(toks) && (dayNumber(toks[i+1].key) > 0 || yearNumber(toks[i+1]) > 0 || isDayRange(toks[i+1].key)) {
				ok = true
			}
			if i > 0 && (dayNumber(toks[i-1].key) > 0 || isMonthLead(toks[i-1].key)) {
				ok = true
			}
			if !ok {
				return 0, false
			}
		}
	}
	return m, true
}

func isMonthLead(k string) bool {
	switch k {
	case "in", "early", "late", "mid", "mid-", "since", "of", "during", "until", "last", "this", "next", "-", "and", "to":
		return true
	}
	return false
}

// isDayRange reports "15-24".
func isDayRange(k string) bool {
	a, b, ok := strings.Cut(k, "-")
	return ok && dayNumber(a) > 0 && dayNumber(b) > 0
}

// withYear completes day d of month m with the year written at token j
// ("9 May, 2020", "May 9 2020") or, when none is written and the
// publication date is known (has), the year that puts the date nearest
// before ref. It returns the date (zero when neither) and the token after
// what it read.
func withYear(toks []token, j int, m time.Month, d int, ref time.Time, has bool) (time.Time, int) {
	jj := j
	if tokAt(toks, jj).key == "," {
		jj++
	}
	if y := yearNumber(tokAt(toks, jj)); y > 0 {
		return safeDate(y, m, d), jj + 1
	}
	if has {
		return resolveYear(ref, m, d), j
	}
	return time.Time{}, j
}

// resolveYear picks the year that puts month/day on or before ref (with a
// day's grace for time zones).
func resolveYear(ref time.Time, m time.Month, d int) time.Time {
	t := time.Date(ref.Year(), m, d, 0, 0, 0, 0, time.UTC)
	if t.After(ref.AddDate(0, 0, 2)) {
		t = t.AddDate(-1, 0, 0)
	}
	return t
}

func lastDay(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// findDates finds the time expressions of a text. ref is the publication date
// (zero when unknown: relative expressions then resolve to nothing).
func findDates(toks []token, ref time.Time) []dateCue {
	var out []dateCue
	has := !ref.IsZero()
	ref = time.Date(ref.Year(), ref.Month(), ref.Day(), 0, 0, 0, 0, time.UTC)
	key := func(i int) string {
		if i < 0 || i >= len(toks) {
			return ""
		}
		return toks[i].key
	}
	for i := 0; i < len(toks); i++ {
		k := toks[i].key
		if toks[i].kind == 'p' || len(k) == 0 || toks[i].kind == 'w' && (k[0] < '0' || k[0] > '9') && !toks[i].is(wDateWord) && !strings.HasPrefix(k, "mid-") {
			continue // nothing can start here: most tokens
		}
		// --- numeric dates: 18.10.2014, 24-02-2015, 2020-05-09
		if c, ok := numericDate(toks[i].key); ok {
			out = append(out, markBackground(dateCue{span: [2]int{i, i + 1}, date: c, precision: 1, explicit: true}, ref, has))
			continue
		}
		// --- "11-13 Dec.": a range of days in one token
		if a, b, ok := strings.Cut(k, "-"); ok && dayNumber(a) > 0 && dayNumber(b) > dayNumber(a) && i+1 < len(toks) {
			if m, ok := monthAt(toks, i+1); ok {
				c := dateCue{span: [2]int{i, i + 2}, precision: 1, explicit: true}
				y := 0
				if n := i + 2; key(n) == "." {
					c.span[1] = n + 1
				}
				if yy := yearNumber(tokAt(toks, c.span[1])); yy > 0 {
					y, c.span[1] = yy, c.span[1]+1
				}
				if y > 0 {
					c.date, c.end = safeDate(y, m, dayNumber(a)), safeDate(y, m, dayNumber(b))
				} else if has {
					c.date = resolveYear(ref, m, dayNumber(a))
					c.end = safeDate(c.date.Year(), m, dayNumber(b))
				}
				if !c.date.IsZero() {
					out = append(out, markBackground(c, ref, has))
				}
				i = c.span[1] - 1
				continue
			}
		}
		// --- calendar dates
		if d := dayNumber(k); d > 0 && toks[i].kind != 'p' {
			// "between 3 and 5 May", "3-5 May", "3 to 5 May"
			if (key(i+1) == "and" || key(i+1) == "to" || key(i+1) == "-") && i+3 < len(toks) && dayNumber(key(i+2)) > 0 {
				if m, ok := monthAt(toks, i+3); ok {
					d2 := dayNumber(key(i + 2))
					j := i + 4
					c := dateCue{span: [2]int{i, j}, precision: 1, explicit: true}
					if y := yearNumber(tokAt(toks, j)); y > 0 {
						c.date = safeDate(y, m, d)
						c.end = safeDate(y, m, d2)
						c.span[1] = j + 1
					} else if has {
						c.date = resolveYear(ref, m, d)
						c.end = safeDate(c.date.Year(), m, d2)
					}
					if key(i-1) == "between" || key(i-1) == "from" {
						c.span[0] = i - 1
					}
					if !c.date.IsZero() {
						out = append(out, c)
					}
					i = c.span[1] - 1
					continue
				}
			}
			j := i + 1
			if key(j) == "of" {
				j++
			}
			if j < len(toks) {
				if m, ok := monthAt(toks, j); ok {
					c := dateCue{span: [2]int{i, j + 1}, precision: 1, explicit: true}
					c.date, c.span[1] = withYear(toks, j+1, m, d, ref, has)
					if !c.date.IsZero() {
						out = append(out, markBackground(c, ref, has))
					}
					i = c.span[1] - 1
					continue
				}
			}
		}
		if m, ok := monthAt(toks, i); ok {
			// "May 9", "May 9, 2020", "Dec. 10, 2016", "May 15-24"
			n := i + 1
			if key(n) == "." && len(k) <= 4 {
				n++
			}
			d, d2 := dayNumber(key(n)), 0
			if d == 0 && n < len(toks) {
				if a, b, ok := strings.Cut(key(n), "-"); ok && dayNumber(a) > 0 && dayNumber(b) > 0 {
					d, d2 = dayNumber(a), dayNumber(b)
				}
			}
			if d > 0 && toks[n].kind != 'p' {
				c := dateCue{span: [2]int{i, n + 1}, precision: 1, explicit: true}
				c.date, c.span[1] = withYear(toks, n+1, m, d, ref, has)
				if d2 > d && !c.date.IsZero() {
					c.end = safeDate(c.date.Year(), m, d2)
				}
				if !c.date.IsZero() {
					out = append(out, markBackground(c, ref, has))
				}
				i = c.span[1] - 1
				continue
			}
			// "in early May", "late May 2020", "mid-May", "in May"
			c := dateCue{span: [2]int{i, i + 1}, precision: 3, explicit: true}
			day := 15
			switch key(i - 1) {
			case "early":
				day, c.span[0] = 1, i-1
			case "late", "end":
				day, c.span[0] = 0, i-1
			case "mid", "mid-":
				c.span[0] = i - 1
			case "last", "this", "next":
				c.span[0] = i - 1
			case "in", "during", "since", "until", "of":
			default:
				if yearNumber(tokAt(toks, i+1)) == 0 {
					continue
				}
			}
			y := 0
			if yy := yearNumber(tokAt(toks, i+1)); yy > 0 {
				y, c.span[1] = yy, i+2
			} else if has {
				y = ref.Year()
				if m > ref.Month() {
					y--
				}
			}
			if y == 0 {
				continue
			}
			if day == 0 {
				day = lastDay(y, m)
			}
			c.date = safeDate(y, m, day)
			if key(c.span[0]-1) == "in" {
				c.span[0]--
			}
			if key(i-1) == "since" || key(i-1) == "until" {
				c.background = true
			}
			out = append(out, markBackground(c, ref, has))
			i = c.span[1] - 1
			continue
		}
		if k == "mid-may" || strings.HasPrefix(k, "mid-") {
			if m, ok := months[strings.TrimPrefix(k, "mid-")]; ok && has {
				y := ref.Year()
				if m > ref.Month() {
					y--
				}
				out = append(out, dateCue{span: [2]int{i, i + 1}, date: safeDate(y, m, 15), precision: 3, explicit: true})
				continue
			}
		}
		// --- weekdays: "on Tuesday", "late on Tuesday", "the small hours of Thursday", "Tuesday night"
		if wd, ok := weekdays[k]; ok && toks[i].upper {
			if !has {
				continue
			}
			back := (int(ref.Weekday()) - int(wd) + 7) % 7
			c := dateCue{span: [2]int{i, i + 1}, date: ref.AddDate(0, 0, -back), precision: 1}
			if key(i-1) == "last" {
				c.span[0] = i - 1
				if back == 0 {
					c.date = c.date.AddDate(0, 0, -7)
				}
			}
			if key(i-1) == "on" {
				c.span[0] = i - 1
				if key(i-2) == "late" || key(i-2) == "early" {
					c.span[0] = i - 2
				}
			}
			if key(i-1) == "of" && key(i-2) == "hours" {
				c.span[0] = i - 2
				if key(i-3) == "small" || key(i-3) == "early" || key(i-3) == "wee" {
					c.span[0] = i - 3
				}
				if key(c.span[0]-1) == "the" {
					c.span[0]--
				}
			}
			if n := key(i + 1); n == "night" || n == "morning" || n == "evening" || n == "afternoon" {
				c.span[1] = i + 2
			}
			out = append(out, c)
			continue
		}
		if !has {
			if yearNumber(toks[i]) > 0 && (key(i-1) == "in" || key(i-1) == "since") {
				out = append(out, dateCue{span: [2]int{i - 1, i + 1}, background: true})
			}
			continue
		}
		// --- relative days and vague past
		switch k {
		case "yesterday":
			out = append(out, dateCue{span: [2]int{i, i + 1}, date: ref.AddDate(0, 0, -1), precision: 1})
		case "tomorrow":
			out = append(out, dateCue{span: [2]int{i, i + 1}, date: ref.AddDate(0, 0, 1), precision: 1})
		case "today", "tonight":
			out = append(out, dateCue{span: [2]int{i, i + 1}, date: ref, precision: 1})
		case "overnight":
			out = append(out, dateCue{span: [2]int{i, i + 1}, date: ref.AddDate(0, 0, -1), precision: 1})
		case "this":
			switch key(i + 1) {
			case "morning", "afternoon", "evening":
				out = append(out, dateCue{span: [2]int{i, i + 2}, date: ref, precision: 1})
				i++
			case "week":
				out = append(out, dateCue{span: [2]int{i, i + 2}, date: midWeek(ref, 0), precision: 2})
				i++
			case "weekend":
				out = append(out, dateCue{span: [2]int{i, i + 2}, date: lastWeekday(ref, time.Saturday), precision: 2})
				i++
			case "month":
				out = append(out, dateCue{span: [2]int{i, i + 2}, date: monthDate(ref, 0, 15), precision: 3})
				i++
			case "year":
				out = append(out, dateCue{span: [2]int{i, i + 2}, background: true})
				i++
			}
		case "earlier":
			if key(i+1) == "this" && key(i+2) == "month" {
				out = append(out, dateCue{span: [2]int{i, i + 3}, date: monthDate(ref, 0, 1), precision: 3})
				i += 2
			} else if key(i+1) == "this" && (key(i+2) == "week") {
				out = append(out, dateCue{span: [2]int{i, i + 3}, date: midWeek(ref.AddDate(0, 0, -1), 0), precision: 2})
				i += 2
			} else if key(i+1) == "this" && key(i+2) == "year" {
				out = append(out, dateCue{span: [2]int{i, i + 3}, background: true})
				i += 2
			}
		case "last", "past", "previous":
			switch key(i + 1) {
			case "night":
				out = append(out, dateCue{span: [2]int{i, i + 2}, date: ref.AddDate(0, 0, -1), precision: 1})
				i++
			case "week":
				out = append(out, dateCue{span: [2]int{i, i + 2}, date: midWeek(ref, 1), precision: 2})
				i++
			case "weekend":
				out = append(out, dateCue{span: [2]int{i, i + 2}, date: lastWeekday(ref.AddDate(0, 0, -1), time.Saturday), precision: 2})
				i++
			case "month":
				out = append(out, dateCue{span: [2]int{i, i + 2}, date: monthDate(ref, -1, 15), precision: 3})
				i++
			case "year", "years", "months", "decade", "weeks":
				out = append(out, dateCue{span: [2]int{i, i + 2}, background: true})
				i++
			case "few", "several", "two", "three":
				if n := key(i + 2); n == "months" || n == "years" || n == "weeks" {
					out = append(out, dateCue{span: [2]int{i, i + 3}, background: true})
					i += 2
				}
			}
		case "recent":
			if n := key(i + 1); n == "months" || n == "years" || n == "weeks" {
				c := dateCue{span: [2]int{i, i + 2}, background: true}
				if key(i-1) == "in" {
					c.span[0] = i - 1
				}
				out = append(out, c)
				i++
			}
		case "came", "comes":
			// "The attack came two weeks after gunmen killed 25": what
			// follows is an earlier event, this sentence its background
			k := i + 1
			if key(k) == "just" || key(k) == "only" || key(k) == "barely" {
				k++
			}
			from := k
			for n := 0; n < 4 && k < len(toks); n++ {
				switch key(k) {
				case "after", "weeks", "days", "months", "years", "week", "month", "year", "a", "two", "three", "four", "several", "few", "hours":
					if key(k) == "after" && k > from {
						// the span is the duration: "two weeks"
						out = append(out, dateCue{span: [2]int{from, k}, background: true})
						n = 4
						continue
					}
					k++
				default:
					n = 4
				}
			}
		case "ago":
			if i >= 2 {
				switch key(i - 1) {
				case "years", "months", "decades", "year", "month":
					out = append(out, dateCue{span: [2]int{i - 2, i + 1}, background: true})
				case "days":
					if n, ok := lex.numbers[key(i-2)]; ok || toks[i-2].kind == 'd' {
						if !ok {
							n, _ = strconv.Atoi(key(i - 2))
						}
						if n > 0 && n < 60 {
							out = append(out, dateCue{span: [2]int{i - 2, i + 1}, date: ref.AddDate(0, 0, -n), precision: 1})
						}
					}
				case "weeks", "week":
					out = append(out, dateCue{span: [2]int{i - 2, i + 1}, date: ref.AddDate(0, 0, -7), precision: 2})
				}
			}
		default:
			// a bare year before the publication year: background
			if y := yearNumber(toks[i]); y > 0 && y < ref.Year() {
				p := key(i - 1)
				if p == "in" || p == "since" || p == "of" || p == "until" || p == "during" {
					out = append(out, dateCue{span: [2]int{i - 1, i + 1}, background: true})
				}
			}
		}
	}
	return out
}

func tokAt(toks []token, i int) token {
	if i < 0 || i >= len(toks) {
		return token{}
	}
	return toks[i]
}

// safeDate builds a date, clamping an impossible day ("31 April") to the
// month's last day.
func safeDate(y int, m time.Month, d int) time.Time {
	if ld := lastDay(y, m); d > ld {
		d = ld
	}
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func monthDate(ref time.Time, delta, day int) time.Time {
	first := time.Date(ref.Year(), ref.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, delta, 0)
	return safeDate(first.Year(), first.Month(), day)
}

// midWeek returns the middle of the week (Monday to Sunday) weeksBack
// weeks before the one holding ref, ACLED's date for an event known only
// by its week: its Thursday, or, in the week of ref, the day halfway from
// its Monday to ref, since the rest of that week has not happened.
func midWeek(ref time.Time, weeksBack int) time.Time {
	monday := ref.AddDate(0, 0, -((int(ref.Weekday())+6)%7)-7*weeksBack)
	if weeksBack == 0 {
		return monday.AddDate(0, 0, int(ref.Sub(monday).Hours()/24)/2)
	}
	return monday.AddDate(0, 0, 3)
}

func lastWeekday(ref time.Time, wd time.Weekday) time.Time {
	back := (int(ref.Weekday()) - int(wd) + 7) % 7
	return ref.AddDate(0, 0, -back)
}

// markBackground flags calendar dates long before publication: a story's
// history, not its news.
func markBackground(c dateCue, ref time.Time, has bool) dateCue {
	if has && !c.date.IsZero() && ref.Sub(c.date) > 45*24*time.Hour {
		c.background = true
	}
	return c
}

// numericDate reads a day-first or ISO numeric date at the start of a token
// ("18.10.2014", "24-02-2015", "2020-05-09"; trailing letters are glued
// page furniture).
func numericDate(k string) (time.Time, bool) {
	if len(k) < 8 || k[0] < '0' || k[0] > '9' {
		return time.Time{}, false
	}
	var parts [3]int
	n, cur, digits := 0, 0, 0
	sep := byte(0)
	for i := 0; i < len(k) && n < 3; i++ {
		c := k[i]
		switch {
		case c >= '0' && c <= '9':
			cur = cur*10 + int(c-'0')
			digits++
			if digits > 4 {
				return time.Time{}, false
			}
		case (c == '.' || c == '-' || c == '/') && digits > 0 && n < 2 && (sep == 0 || sep == c):
			sep = c
			parts[n] = cur
			n++
			cur, digits = 0, 0
		default:
			i = len(k)
		}
	}
	if n != 2 || digits == 0 {
		return time.Time{}, false
	}
	parts[2] = cur
	y, m, d := parts[2], parts[1], parts[0]
	if parts[0] >= 1900 {
		y, m, d = parts[0], parts[1], parts[2]
	}
	if y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31 {
		return time.Time{}, false
	}
	return safeDate(y, time.Month(m), d), true
}
