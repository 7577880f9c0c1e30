package gazetteer

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"
)

// A made-up village, so that no embedded place can answer for it.
const dumpRows = "9000001\tQaryat Zanbaqa\tQaryat Zanbaqa\tZanbaqa,Zunbuqah,زنبقة\t35.1\t40.5\tP\tPPL\tSY\t\t07\t\t\t\t0\t\t200\tAsia/Damascus\t2020-01-01\n" +
	"9000002\tTall Wardah\tTall Wardah\t\t36.2\t38.1\tP\tPPL\tSY\t\t09\t\t\t\t1200\t\t300\tAsia/Damascus\t2020-01-01\n"

func TestReadGeoNamesAndAdd(t *testing.T) {
	entries, err := ReadGeoNames(strings.NewReader(dumpRows), "SY.txt", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 2 || entries[0].GeonameID != 9000001 || entries[0].Admin1Code != "07" {
		t.Fatalf("entries = %+v", entries)
	}
	for _, a := range entries[0].Aliases {
		if strings.ContainsRune(a, 'ز') {
			t.Errorf("Arabic-script alias kept: %q", a)
		}
	}
	g, err := Open()
	if err != nil {
		t.Fatal(err)
	}
	g.Add(entries...)
	tp, ok := first(g.Find("Shelling hit the village of Zunbuqah on Monday.", nil), "Zunbuqah")
	if !ok {
		t.Fatal("added place not found by its alias")
	}
	p := tp.Place
	if p.GeonameID != 9000001 || p.Admin1 != "Deir ez-Zor" || p.ISO3 != "SYR" || !p.Known() {
		t.Errorf("added place resolved to %+v", p)
	}
	// The shared default is untouched.
	def := defaultGazetteer(t)
	if tp, ok := first(def.Find("Shelling hit the village of Zunbuqah on Monday.", nil), "Zunbuqah"); ok && tp.Place.Known() {
		t.Errorf("Add on a private copy changed Default: %+v", tp)
	}
}

func TestReadGeoNamesZip(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("readme.txt")
	w.Write([]byte("not data"))
	w, _ = zw.Create("SY.txt")
	w.Write([]byte(dumpRows))
	zw.Close()
	entries, err := ReadGeoNamesZip(bytes.NewReader(buf.Bytes()), int64(buf.Len()), "SY.zip", func(e Entry) bool { return e.Population > 1000 })
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Name != "Tall Wardah" {
		t.Errorf("entries = %+v", entries)
	}
}

func TestReadGeoNamesErrors(t *testing.T) {
	for _, bad := range []string{"1\t2\t3\n", "x\ta\tb\tc\t1\t2\tP\tPPL\tSY\t\t\t\t\t\t0\n", "1\ta\ta\t\t95\t2\tP\tPPL\tSY\t\t\t\t\t\t0\n"} {
		_, err := ReadGeoNames(strings.NewReader(bad), "bad.txt", nil)
		if err == nil || !strings.Contains(err.Error(), "bad.txt:1") {
			t.Errorf("ReadGeoNames(%q) error = %v, want one naming bad.txt:1", bad, err)
		}
	}
}

func TestReadAlternateNames(t *testing.T) {
	in := "1\t9000002\ten\tTel Warda\t1\t\t\t\t\t\n" +
		"2\t9000002\tar\tتل وردة\t\t\t\t\t\t\n" +
		"3\t9000002\tlink\thttps://example.org/x\t\t\t\t\t\t\n" +
		"4\t9000002\t\tTell Wardeh\t\t\t\t1\t\t\n"
	alts, err := ReadAlternateNames(strings.NewReader(in), "alternateNamesV2.txt")
	if err != nil {
		t.Fatal(err)
	}
	if got := alts[9000002]; len(got) != 1 || got[0] != "Tel Warda" {
		t.Errorf("alternates = %q, want only the current Latin-script name", got)
	}
	entries := []Entry{{Name: "Tall Wardah", GeonameID: 9000002}}
	WithAlternates(entries, alts)
	if len(entries[0].Aliases) != 1 {
		t.Errorf("aliases = %q", entries[0].Aliases)
	}
}

func TestReadCSV(t *testing.T) {
	in := "name,aliases,lat,lon,country,admin1\n" +
		"Camp Qzyrwandi,Qzyrwandi Camp;Mukhayyam Qzyrwandi,36.5,37.9,SY,Aleppo\n"
	entries, err := ReadCSV(strings.NewReader(in), "places.csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || len(entries[0].Aliases) != 2 || entries[0].Lat != 36.5 {
		t.Fatalf("entries = %+v", entries)
	}
	g, err := Open()
	if err != nil {
		t.Fatal(err)
	}
	g.Add(entries...)
	cands := g.Lookup("Mukhayyam Qzyrwandi", "SY")
	if len(cands) == 0 || cands[0].Place.Location != "Camp Qzyrwandi" || cands[0].Place.Admin1 != "Aleppo" {
		t.Errorf("Lookup after Add = %+v", cands)
	}
	for _, bad := range []string{"name,lat\nx,1\n", "name,lat,lon\nx,north,2\n", "name,lat,lon\n,1,2\n"} {
		if _, err := ReadCSV(strings.NewReader(bad), "bad.csv"); err == nil || !strings.Contains(err.Error(), "bad.csv") {
			t.Errorf("ReadCSV(%q) error = %v", bad, err)
		}
	}
}

func TestLookupReasons(t *testing.T) {
	g := defaultGazetteer(t)
	cands := g.Lookup("Tripoli", "LB")
	if len(cands) < 2 {
		t.Fatalf("Lookup(Tripoli) = %+v", cands)
	}
	if cands[0].Place.Country != "Lebanon" {
		t.Errorf("Lookup(Tripoli, LB) first = %+v", cands[0])
	}
	if !strings.Contains(cands[0].Reason, "Lebanon") {
		t.Errorf("reason %q does not mention the hinted country", cands[0].Reason)
	}
	for i := 1; i < len(cands); i++ {
		if cands[i].Score > cands[i-1].Score {
			t.Fatalf("candidates out of order at %d", i)
		}
	}
	if c := g.Lookup("Tripoli", "LY"); len(c) == 0 || c[0].Place.Country != "Libya" {
		t.Errorf("Lookup(Tripoli, LY) first = %+v", c)
	}
	if c := g.Lookup("Dayr az Zawr", ""); len(c) == 0 || c[0].Place.GeonameID != 170794 && c[0].Kind != "admin1" {
		t.Errorf("Lookup(Dayr az Zawr) first = %+v", c)
	}
	if c := g.Lookup("", ""); c != nil {
		t.Errorf("Lookup(\"\") = %+v", c)
	}
}
