package ingest

import (
	"strings"
	"testing"
	"time"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 9, 0, 0, 0, time.UTC) }

func TestDateline(t *testing.T) {
	pub := day(2022, time.May, 10)
	tests := []struct {
		name      string
		text      string
		published time.Time // zero: 2022-05-10
		noPub     bool      // no publication date at all
		// span is the text the dateline's span must cover; "" for no dateline.
		span, agency, place, date string
	}{
		{name: "AFP agency first, colon", text: "AFP, Beirut : Two shells hit the port district overnight.",
			span: "AFP, Beirut :", agency: "AFP", place: "Beirut"},
		{name: "AFP on a line of its own", text: "AFP, Tripoli :\nGunfire was heard near the airport road.",
			span: "AFP, Tripoli :", agency: "AFP", place: "Tripoli"},
		{name: "place in capitals, Reuters, hyphen", text: "BEIRUT (Reuters) - A power cut left half the city dark.",
			span: "BEIRUT (Reuters) -", agency: "Reuters", place: "Beirut"},
		{name: "place and country, AP, em dash", text: "DAMASCUS, Syria (AP) — Bakeries reopened after a week.",
			span: "DAMASCUS, Syria (AP) —", agency: "AP", place: "Damascus"},
		{name: "month-day date completed with the year", text: "Kyiv, May 9 (Reuters) - Air raid sirens sounded twice.",
			span: "Kyiv, May 9 (Reuters) -", agency: "Reuters", place: "Kyiv", date: "2022-05-09"},
		{name: "no agency, capitals, country", text: "MOGADISHU, Somalia — A car bomb exploded near a checkpoint.",
			span: "MOGADISHU, Somalia —", place: "Mogadishu"},
		{name: "agency only", text: "(AFP) - Heavy snow closed the mountain pass.",
			span: "(AFP) -", agency: "AFP"},
		{name: "place, country and date", text: "ALEPPO, Syria, March 3 (Reuters) - Schools stayed shut.",
			span: "ALEPPO, Syria, March 3 (Reuters) -", agency: "Reuters", place: "Aleppo", date: "2022-03-03"},
		{name: "day-month date, en dash-free em dash", text: "Beirut, 12 March (AFP) — Banks limited withdrawals again.",
			span: "Beirut, 12 March (AFP) —", agency: "AFP", place: "Beirut", date: "2022-03-12"},
		{name: "two-word place in capitals, no agency", text: "GAZA CITY — Fishermen stayed ashore for a third day.",
			span: "GAZA CITY —", place: "Gaza City"},
		{name: "agency alias normalised", text: "ANKARA (Anadolu Agency) - The meeting was postponed.",
			span: "ANKARA (Anadolu Agency) -", agency: "Anadolu", place: "Ankara"},
		{name: "AA normalised to Anadolu", text: "ISTANBUL (AA) - Ferries were cancelled.",
			span: "ISTANBUL (AA) -", agency: "Anadolu", place: "Istanbul"},
		{name: "dpa", text: "BERLIN (dpa) - Trains ran late across the north.",
			span: "BERLIN (dpa) -", agency: "dpa", place: "Berlin"},
		{name: "Xinhua spelled out", text: "NAIROBI, May 2 (Xinhua News Agency) -- Rains eased.",
			span: "NAIROBI, May 2 (Xinhua News Agency) --", agency: "Xinhua", place: "Nairobi", date: "2022-05-02"},
		{name: "unlisted agency in capitals taken as written", text: "TEHRAN (ZXNA) - Fuel prices rose.",
			span: "TEHRAN (ZXNA) -", agency: "ZXNA", place: "Tehran"},
		{name: "particle in a capitals place", text: "DEIR EZ-ZOR, Syria (AFP) - Fighting resumed.",
			span: "DEIR EZ-ZOR, Syria (AFP) -", agency: "AFP", place: "Deir ez-Zor"},
		{name: "abbreviated month with year written", text: "KHARTOUM, Sept. 14, 2019 (Reuters) - Protesters returned.",
			span: "KHARTOUM, Sept. 14, 2019 (Reuters) -", agency: "Reuters", place: "Khartoum", date: "2019-09-14"},
		{name: "December dateline published in January is last year", text: "MOSUL, Dec. 30 (AP) — Crowds gathered.", published: day(2023, time.January, 2),
			span: "MOSUL, Dec. 30 (AP) —", agency: "AP", place: "Mosul", date: "2022-12-30"},
		{name: "no publication date leaves the date empty", text: "Kyiv, May 9 (Reuters) - Calm returned.", noPub: true,
			span: "Kyiv, May 9 (Reuters) -", agency: "Reuters", place: "Kyiv"},
		{name: "impossible day leaves the date empty", text: "SANAA, Feb 30 (Reuters) - Markets opened.",
			span: "SANAA, Feb 30 (Reuters) -", agency: "Reuters", place: "Sanaa"},
		{name: "dash without spaces", text: "GAZA CITY—Power returned to the north.",
			span: "GAZA CITY—", place: "Gaza City"},
		{name: "after a headline and a caption", text: "Clinic reopens after repairs\n\nNurses unpack boxes of supplies in the hallway.\nJUBA, South Sudan (AP) — The clinic saw its first patients.",
			span: "JUBA, South Sudan (AP) —", agency: "AP", place: "Juba"},

		{name: "sentence opening with a city and a comma", text: "Beirut, the Lebanese capital, woke to long queues at fuel stations."},
		{name: "mixed-case place and dash without agency", text: "Damascus, Syria - officials said little about the talks."},
		{name: "capitals slug, not a place", text: "EXCLUSIVE - Ministers weigh a new grain deal."},
		{name: "organisation in capitals, not a place", text: "NATO — The alliance met on Tuesday."},
		{name: "hyphenated word at the start", text: "US-led forces left the base at night."},
		{name: "agency mentioned mid-sentence", text: "Officials in Beirut (AFP) said nothing about it."},
		{name: "parenthesised word that is not an agency", text: "Lviv (western Ukraine) - a city far from the front."},
		{name: "dateline too far down", text: strings.Repeat("A paragraph of background.\n", 8) + "BEIRUT (Reuters) - Late dateline."},
		{name: "empty", text: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			published := tt.published
			if published.IsZero() && !tt.noPub {
				published = pub
			}
			d := Dateline(tt.text, published)
			if tt.span == "" {
				if d != nil {
					t.Fatalf("Dateline(%q) = %+v, want none", tt.text, *d)
				}
				return
			}
			if d == nil {
				t.Fatalf("Dateline(%q) = nil, want %q", tt.text, tt.span)
			}
			if got := tt.text[d.Span.Start:d.Span.End]; got != tt.span {
				t.Errorf("span covers %q, want %q", got, tt.span)
			}
			if d.Agency != tt.agency || d.Place != tt.place || d.Date != tt.date {
				t.Errorf("got agency %q place %q date %q, want %q %q %q", d.Agency, d.Place, d.Date, tt.agency, tt.place, tt.date)
			}
		})
	}
}

func TestTitleCase(t *testing.T) {
	tests := []struct{ in, want string }{
		{"BEIRUT", "Beirut"},
		{"GAZA CITY", "Gaza City"},
		{"DEIR EZ-ZOR", "Deir ez-Zor"},
		{"PORT-AU-PRINCE", "Port-au-Prince"},
		{"DAR ES SALAAM", "Dar es Salaam"},
		{"AL-BAB", "Al-Bab"},
		{"N'DJAMENA", "N'Djamena"},
		{"ST. LOUIS", "St. Louis"},
		{"Kyiv", "Kyiv"},
		{"Deir ez-Zor", "Deir ez-Zor"},
	}
	for _, tt := range tests {
		if got := titleCase(tt.in); got != tt.want {
			t.Errorf("titleCase(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzDateline(f *testing.F) {
	for _, s := range []string{
		"BEIRUT (Reuters) - x",
		"AFP, Beirut :",
		"Kyiv, May 9 (Reuters) - x",
		"ALEPPO, Syria, March 3 (Reuters) -",
		"(AFP) —",
		"GAZA CITY —",
		"SANAA, Feb 29 (AP) -",
		"\n\n\n  \tMOGADISHU, Somalia — y",
		"((((((",
		"É, 1 May (X) -",
	} {
		f.Add(s, int64(1525910400))
	}
	f.Fuzz(func(t *testing.T, text string, unix int64) {
		d := Dateline(text, time.Unix(unix, 0).UTC())
		if d == nil {
			return
		}
		if !d.Span.Valid() || d.Span.End > len(text) {
			t.Fatalf("Dateline(%q) span %+v out of range", text, d.Span)
		}
		if strings.Contains(text[d.Span.Start:d.Span.End], "\n") {
			t.Fatalf("Dateline(%q) span %+v crosses a line", text, d.Span)
		}
		if d.Place == "" && d.Agency == "" {
			t.Fatalf("Dateline(%q) has neither place nor agency", text)
		}
		if d.Date != "" {
			if _, err := time.Parse("2006-01-02", d.Date); err != nil {
				t.Fatalf("Dateline(%q) date %q: %v", text, d.Date, err)
			}
		}
	})
}
