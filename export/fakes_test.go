package export_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/paulmach/orb/geojson"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/export"
	"github.com/sitrep-dev/sitrep/extract"
	"github.com/sitrep-dev/sitrep/gazetteer"
	"github.com/sitrep-dev/sitrep/ingest"
	"github.com/sitrep-dev/sitrep/reconcile"
	"github.com/sitrep-dev/sitrep/sqlite"
)

// sharedDir finds ../shared beside the module root.
func sharedDir(t *testing.T) string {
	t.Helper()
	dir, _ := os.Getwd()
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "..", "shared")
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("no go.mod above the test directory")
		}
		dir = parent
	}
}

// TestFAKESExportsReadAsACLED runs FA-KES dev articles through the whole
// pipeline into SQLite, exports the incidents, and reads the CSV back with
// encoding/csv: the header must be ACLED's own, every row as wide, and the
// GeoJSON must read in orb.
func TestFAKESExportsReadAsACLED(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the gazetteer and runs the pipeline")
	}
	shared := sharedDir(t)
	acledHeader := func() []string {
		f, err := os.Open(filepath.Join(shared, "data", "acled", "acled-2020-dev.csv"))
		if err != nil {
			t.Skipf("ACLED reference file absent: %v", err)
		}
		defer f.Close()
		h, err := csv.NewReader(f).Read()
		if err != nil {
			t.Fatal(err)
		}
		return h
	}()
	f, err := os.Open(filepath.Join(shared, "data", "fakes", "fakes-dev.csv"))
	if err != nil {
		t.Skipf("FA-KES dev set absent: %v", err)
	}
	defer f.Close()
	records, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	head := records[0]
	col := func(name string) int {
		i := slices.Index(head, name)
		if i < 0 {
			t.Fatalf("FA-KES has no %s column", name)
		}
		return i
	}
	id, title, content, date := col("unit_id"), col("article_title"), col("article_content"), col("date")

	g, err := gazetteer.Default()
	if err != nil {
		t.Fatal(err)
	}
	x := extract.New(g)
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "fakes.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	const articles = 40
	for _, r := range records[1:min(len(records), articles+1)] {
		var opt ingest.Options
		if p, err := time.Parse("2006-01-02", r[date]); err == nil {
			opt.Published = p
		}
		doc, err := ingest.Text("fakes-"+r[id], []byte(r[title]+"\n\n"+r[content]), opt)
		if err != nil {
			t.Logf("skipped: %v", err)
			continue
		}
		events := x.Events(doc)
		err = db.Update(ctx, func(tx sitrep.IncidentTx) error {
			_, err := reconcile.Ingest(ctx, tx, doc, events)
			return err
		})
		if err != nil {
			t.Fatalf("storing %s: %v", doc.ID, err)
		}
	}

	var csvOut, geoOut bytes.Buffer
	cw, gw := export.NewACLED(&csvOut), export.NewGeoJSON(&geoOut)
	n := 0
	err = db.Incidents(ctx, sitrep.IncidentFilter{}, func(inc *sitrep.Incident) bool {
		n++
		return cw.Write(inc) == nil && gw.Write(inc) == nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := cw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := gw.Close(); err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatalf("%d articles gave no incidents", articles)
	}
	rows, err := csv.NewReader(&csvOut).ReadAll() // also checks every row has the header's width
	if err != nil {
		t.Fatalf("the export is not CSV encoding/csv reads: %v", err)
	}
	if !slices.Equal(rows[0], acledHeader) {
		t.Errorf("header differs from ACLED's:\n got %v\nwant %v", rows[0], acledHeader)
	}
	if len(rows)-1 != n {
		t.Errorf("%d rows for %d incidents", len(rows)-1, n)
	}
	for _, r := range rows[1:] {
		d := r[slices.Index(acledHeader, "event_date")]
		if _, err := time.Parse("2006-01-02", d); d != "" && err != nil {
			t.Errorf("event_date %q is not YYYY-MM-DD", d)
		}
	}
	fc, err := geojson.UnmarshalFeatureCollection(geoOut.Bytes())
	if err != nil || len(fc.Features) != n {
		t.Errorf("GeoJSON: %v, %d features for %d incidents", err, len(fc.Features), n)
	}
	t.Logf("%d FA-KES articles → %d incidents", articles, n)
}
