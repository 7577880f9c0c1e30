package gazetteer

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/text"
)

// readCSV reads a CSV file with a header into maps.
func readCSV(t testing.TB, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("%s: %v", path, err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.LazyQuotes = true
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var out []map[string]string
	for _, row := range rows[1:] {
		m := map[string]string{}
		for i, h := range rows[0] {
			if i < len(row) {
				m[h] = row[i]
			}
		}
		out = append(out, m)
	}
	return out
}

// firstKnown returns the first resolved toponym that is a point (a town,
// possibly offset), else the first admin unit, else the first country.
func firstKnown(tps []sitrep.Toponym) (sitrep.Toponym, bool) {
	rank := map[string]int{"": 0, "admin2": 1, "admin1": 2, "country": 3}
	best, bestRank := sitrep.Toponym{}, 4
	for _, tp := range tps {
		if r := rank[tp.Kind]; tp.Place.Known() && r < bestRank {
			best, bestRank = tp, r
		}
	}
	return best, bestRank < 4
}

// TestScoreACLED scores the first toponym of each ACLED dev note against
// the coded location. It guards against regressions with floors well under
// the measured figures, and logs the figures.
func TestScoreACLED(t *testing.T) {
	rows := readCSV(t, filepath.Join(sharedDir(t), "data", "acled", "acled-2020-dev.csv"))
	g := defaultGazetteer(t)
	for _, hinted := range []bool{false, true} {
		scoreACLED(t, g, rows, hinted)
	}
}

// scoreACLED scores one pass; with hinted, the countries named in the
// actor fields are passed as hints, as the extractor does with actors.
func scoreACLED(t *testing.T, g *Gazetteer, rows []map[string]string, hinted bool) {
	var n, within, country, found int
	for _, row := range rows {
		lat, err1 := strconv.ParseFloat(row["latitude"], 64)
		lon, err2 := strconv.ParseFloat(row["longitude"], 64)
		if err1 != nil || err2 != nil {
			continue
		}
		n++
		var hints []string
		if hinted {
			for _, a := range []string{row["actor1"], row["actor2"]} {
				for _, tp := range g.Find(a, nil) {
					if tp.Kind == "country" {
						hints = append(hints, tp.Place.ISO3)
					}
				}
			}
		}
		tp, ok := firstKnown(g.Find(row["notes"], hints))
		if !ok {
			if testing.Verbose() && os.Getenv("SITREP_EVAL_MISSES") != "" {
				t.Logf("none: %s | %s", row["location"], row["country"])
			}
			continue
		}
		found++
		if tp.Place.Country == row["country"] {
			country++
		}
		if distanceKm(tp.Place.Latitude, tp.Place.Longitude, lat, lon) <= 25 {
			within++
		} else if os.Getenv("SITREP_EVAL_MISSES") != "" {
			t.Logf("miss: %q → %s, %s, %s (%s) | gold %s, %s, %s", tp.Name, tp.Place.Location, tp.Place.Admin1, tp.Place.Country, tp.Relation, row["location"], row["admin1"], row["country"])
		}
	}
	pct := func(k int) float64 { return 100 * float64(k) / float64(max(n, 1)) }
	t.Logf("ACLED dev (actor hints %v): %d notes, toponym found %.1f%%, within 25 km %.1f%%, country %.1f%%", hinted, n, pct(found), pct(within), pct(country))
	if pct(within) < 50 || pct(country) < 80 {
		t.Errorf("ACLED dev below floor: within 25 km %.1f%%, country %.1f%%", pct(within), pct(country))
	}
}

// TestScoreFakes scores the governorate of each FA-KES dev article: the
// admin1 named most often among its Syrian toponyms.
func TestScoreFakes(t *testing.T) {
	rows := readCSV(t, filepath.Join(sharedDir(t), "data", "fakes", "fakes-dev.csv"))
	g := defaultGazetteer(t)
	var n, right int
	for _, row := range rows {
		n++
		votes := map[string]float64{}
		best, bestV := "", 0.0
		for i, tp := range g.Find(row["article_content"], []string{"SY"}) {
			if tp.Place.ISO3 != "SYR" || tp.Place.Admin1 == "" {
				continue
			}
			w := 1.0 / (1 + float64(i)/10) // earlier mentions weigh more
			votes[tp.Place.Admin1] += w
			if votes[tp.Place.Admin1] > bestV {
				best, bestV = tp.Place.Admin1, votes[tp.Place.Admin1]
			}
		}
		if sameGovernorate(best, row["location"]) {
			right++
		} else if os.Getenv("SITREP_EVAL_MISSES") != "" {
			t.Logf("miss: %q, gold %q", best, row["location"])
		}
	}
	pct := 100 * float64(right) / float64(max(n, 1))
	t.Logf("FA-KES dev: %d articles, governorate right %.1f%%", n, pct)
	if pct < 60 {
		t.Errorf("FA-KES governorate %.1f%% below floor", pct)
	}
}

func sameGovernorate(admin1, gold string) bool {
	a, b := text.Key(admin1), text.Key(gold)
	if a == b || strings.HasPrefix(a, b) || strings.HasPrefix(b, a) {
		return true
	}
	switch b {
	case text.Key("damascus"):
		return a == text.Key("Rif-dimashq")
	case text.Key("lattakia"):
		return a == text.Key("Latakia")
	}
	return text.Skeleton(a) == text.Skeleton(b)
}
