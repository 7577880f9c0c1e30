package eval

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/extract"
	"github.com/sitrep-dev/sitrep/gazetteer"
)

// TestGeoMisses writes the ACLED rows whose main event is placed more than
// 25 km from the gold point to the file named by SITREP_GEO_MISSES, one
// block per row, grouped by why the point is wrong:
//
//   - choice: a toponym the gazetteer found in the note lies within 25 km,
//     the extractor chose another one;
//   - reading: the gold location's name has a reading within 25 km but the
//     toponyms found in the note do not use it;
//   - named: another name in the note has a reading within 25 km;
//   - absent: nothing in the note reads as a place near the gold point.
//
// It is a tool for people, skipped unless the variable is set.
func TestGeoMisses(t *testing.T) {
	out := os.Getenv("SITREP_GEO_MISSES")
	if out == "" {
		t.Skip("set SITREP_GEO_MISSES to a file to list the ACLED misses")
	}
	path := filepath.Join(sharedDir(t), ACLEDPath)
	tab, err := readTable(path, "notes", "latitude", "longitude", "location", "admin1", "admin2", "geo_precision", "country")
	if err != nil {
		t.Fatal(err)
	}
	g, err := gazetteer.Default()
	if err != nil {
		t.Fatal(err)
	}
	x := extract.New(g)
	lookup := func(name string) []sitrep.Place {
		var ps []sitrep.Place
		for _, c := range g.Lookup(name, "") {
			ps = append(ps, c.Place)
		}
		return ps
	}
	groups := map[string][]string{}
	for _, row := range tab.rows {
		var gold acledRow
		if gold, err = acledGold(tab, row); err != nil {
			t.Fatal(err)
		}
		doc := newDocument("acled:"+gold.id, path, "", gold.notes)
		doc.Published = gold.published
		evs := x.Events(doc)
		var got sitrep.Place
		if len(evs) > 0 {
			got = evs[0].Place
		}
		dist := -1.0
		if located(got) {
			dist = Haversine(got.Latitude, got.Longitude, gold.lat, gold.lon)
			if dist <= 25 {
				continue
			}
		}
		tops := g.Find(gold.notes, nil)
		why := "absent"
		var near []string
		for _, tp := range tops {
			if located(tp.Place) && Haversine(tp.Place.Latitude, tp.Place.Longitude, gold.lat, gold.lon) <= 25 {
				near = append(near, fmt.Sprintf("%q=%s/%s", tp.Name, tp.Place.Location, tp.Kind))
			}
		}
		loc := tab.get(row, "location")
		switch {
		case len(near) > 0:
			why = "choice"
		case func() bool {
			for _, p := range lookup(loc) {
				if located(p) && Haversine(p.Latitude, p.Longitude, gold.lat, gold.lon) <= 25 {
					return true
				}
			}
			return false
		}():
			why = "reading"
		case namesPlaceNear(lookup, gold.notes, gold.lat, gold.lon, 25):
			why = "named"
		}
		var found []string
		for _, tp := range tops {
			found = append(found, fmt.Sprintf("%q->%s,%s,%s[%s %s %.2f]", tp.Name, tp.Place.Location, tp.Place.Admin1, tp.Place.ISO3, tp.Kind, tp.Relation, tp.Score))
		}
		var b strings.Builder
		fmt.Fprintf(&b, "%s gold %s | %s | %s | %s prec %s\n", gold.id, loc, tab.get(row, "admin2"), tab.get(row, "admin1"), tab.get(row, "country"), tab.get(row, "geo_precision"))
		fmt.Fprintf(&b, "  got  %s | %s | %s | %s named=%q  %.0f km\n", got.Location, got.Admin2, got.Admin1, got.Country, got.Named, dist)
		if len(near) > 0 {
			fmt.Fprintf(&b, "  near %s\n", strings.Join(near, "; "))
		}
		fmt.Fprintf(&b, "  found %s\n", strings.Join(found, "; "))
		fmt.Fprintf(&b, "  %s\n", gold.notes)
		groups[why] = append(groups[why], b.String())
	}
	var keys []string
	for k := range groups {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, "== %s: %d\n\n", k, len(groups[k]))
		for _, s := range groups[k] {
			b.WriteString(s)
			b.WriteString("\n")
		}
	}
	if err := os.WriteFile(out, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}
