package eval

import (
	"bufio"
	_ "embed"
	"fmt"
	"strings"
	"time"

	"github.com/sitrep-dev/sitrep"
)

// fakesSet names the set in figures.
const fakesSet = "fakes"

//go:embed governorates.txt
var governorateData string

// governorates maps a folded spelling to the GeoNames admin1 name.
var governorates = parseGovernorates(governorateData)

func parseGovernorates(data string) map[string]string {
	m := make(map[string]string)
	sc := bufio.NewScanner(strings.NewReader(data))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		names := strings.Split(line, "|")
		for _, n := range names {
			m[fold(n)] = names[0]
		}
	}
	return m
}

// Governorate returns the GeoNames admin1 name of the Syrian governorate
// that name spells ("deir ezzor", "Dayr az Zawr Governorate" → "Deir
// ez-Zor"), or "" when it names none.
func Governorate(name string) string {
	f := fold(name)
	for _, affix := range []string{"governorate", "province", "muhafazat", "mohafazat"} {
		f = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(f, affix+" "), " "+affix))
	}
	return governorates[f]
}

// sameGovernorate reports whether an event's admin1 lies in the gold
// governorate as FA-KES labels it.
func sameGovernorate(admin1, gold string) bool {
	a, g := Governorate(admin1), Governorate(gold)
	if a == "" || g == "" {
		return false
	}
	return a == g || (g == "Dimashq" && a == "Rif-dimashq")
}

// FAKES scores the system on the FA-KES articles (fakes-dev.csv): title and
// content are the text, the date column the publication date.
//
// FA-KES figures, over the articles of the file:
//
//   - admin1: the main event's admin1 is the article's governorate (both
//     sides normalised by Governorate). FA-KES has no label for Rif Dimashq,
//     so its "damascus" accepts Damascus city and its countryside.
//   - admin1_any: some event lies in the governorate (informational).
//   - events_per_article: mean number of events returned (informational).
func FAKES(path string, sys System) ([]Figure, error) {
	t, docs, err := readFAKES(path)
	if err != nil {
		return nil, err
	}
	all, failed, firstErr := extractEach(sys, docs)
	var main, anyEvent tally
	var events int
	for i, row := range t.rows {
		evs := all[i]
		events += len(evs)
		gold := t.get(row, "location")
		main.add(len(evs) > 0 && sameGovernorate(evs[0].Admin1, gold))
		found := false
		for _, e := range evs {
			found = found || sameGovernorate(e.Admin1, gold)
		}
		anyEvent.add(found)
	}
	figs := []Figure{
		main.figure(fakesSet, "admin1"),
		anyEvent.figure(fakesSet, "admin1_any"),
		mean(fakesSet, "events_per_article", events, len(t.rows)),
	}
	if failed > 0 {
		figs = append(figs, Figure{Set: fakesSet, Name: "system_errors", Value: float64(failed), N: len(t.rows)})
	}
	return figs, firstErr
}

// FAKESDocuments reads the FA-KES articles at path as documents: title and
// content are the text, the date column the publication date. Benchmarks
// read it as a corpus of real, full-length reporting.
func FAKESDocuments(path string) ([]*sitrep.Document, error) {
	_, docs, err := readFAKES(path)
	return docs, err
}

func readFAKES(path string) (*table, []*sitrep.Document, error) {
	t, err := readTable(path, "unit_id", "article_title", "article_content", "source", "date", "location")
	if err != nil {
		return nil, nil, err
	}
	docs := make([]*sitrep.Document, len(t.rows))
	for i, row := range t.rows {
		// unit_id repeats in FA-KES, so the row number keeps IDs unique.
		id := fmt.Sprintf("%d:%s", i+1, t.get(row, "unit_id"))
		title := t.get(row, "article_title")
		doc := newDocument("fakes:"+id, path+"#"+id, title, title+"\n"+t.get(row, "article_content"))
		doc.Outlet = t.get(row, "source")
		if d, err := time.Parse("1/2/2006", t.get(row, "date")); err == nil {
			doc.Published = d
		}
		docs[i] = doc
	}
	return t, docs, nil
}
