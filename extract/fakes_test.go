package extract

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/gazetteer"
	"github.com/sitrep-dev/sitrep/text"
)

// TestFakesDev measures the main event's date and governorate on FA-KES
// articles, read without a publication date as a crawler might get them.
// It reports figures; the floors are loose guards against regressions.
func TestFakesDev(t *testing.T) {
	shared := sharedDir(t)
	f, err := os.Open(filepath.Join(shared, "data", "fakes", "fakes-dev.csv"))
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	g, err := gazetteer.Default()
	if err != nil {
		t.Skipf("gazetteer unavailable: %v", err)
	}
	x := New(g)
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	n, date, week, place, events := 0, 0, 0, 0, 0
	for _, r := range recs[1:] {
		gold, err := time.Parse("1/2/2006", r[col["date"]])
		if err != nil {
			continue
		}
		d := &sitrep.Document{Title: r[col["article_title"]], Text: r[col["article_title"]] + "\n" + r[col["article_content"]], Outlet: r[col["source"]]}
		evs := x.Events(d)
		n++
		events += len(evs)
		if len(evs) == 0 {
			continue
		}
		ev := evs[0]
		if ev.EventDate == gold.Format(sitrep.DateLayout) {
			date++
		}
		if got, err := time.Parse(sitrep.DateLayout, ev.EventDate); err == nil && got.Sub(gold).Abs() <= 7*24*time.Hour {
			week++
		}
		loc := text.Fold(r[col["location"]])
		if loc != "" && (strings.Contains(text.Fold(ev.Admin1), loc) || strings.Contains(text.Fold(ev.Location), loc)) {
			place++
		}
	}
	t.Logf("FA-KES dev, %d articles: event_date %.1f%% (within a week %.1f%%), governorate %.1f%%, %.2f events per article",
		n, pct(date, n), pct(week, n), pct(place, n), float64(events)/float64(max(n, 1)))
	if pct(week, n) < 50 {
		t.Errorf("event date within a week on only %.1f%% of articles", pct(week, n))
	}
}
