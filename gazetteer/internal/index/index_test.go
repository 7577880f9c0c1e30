package index

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"reflect"
	"testing"
)

func sample() *Index {
	return &Index{
		Source:    "test",
		Features:  []string{"PPL", "PPLA"},
		Countries: []string{"SY", "IQ"},
		Admin1:    []Admin{{Code: "SY.07", Name: "Lakeshire"}},
		Admin2:    []Admin{{Code: "SY.07.1", Name: "Lakeshire District"}},
		Places: []Place{
			{GeonameID: 7, Name: "Qirmel", Lat: 3512345, Lon: 3712345, Feature: 1, Country: 0, Admin1: 0, Admin2: 0, Pop: 1200},
			{GeonameID: 9, Name: "Harbourton", Lat: -100, Lon: 200, Feature: 0, Country: 1, Admin1: -1, Admin2: -1},
		},
		Keys: []Key{
			{Key: "harbourton", Postings: []uint32{1 << FlagBits}},
			{Key: "qirmel", Postings: []uint32{0 | Primary, 3 << FlagBits}},
		},
		Common: []string{"market"},
	}
}

// TestRoundTrip checks that Decode gives back what Write wrote, from the
// plain form and from the earlier DEFLATE form alike, and refuses bytes
// that are neither.
func TestRoundTrip(t *testing.T) {
	var raw bytes.Buffer
	if err := sample().Write(&raw); err != nil {
		t.Fatal(err)
	}
	got, err := Decode(raw.Bytes(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := sample(); !reflect.DeepEqual(got, want) {
		t.Errorf("Decode(Write(x)) = %+v, want %+v", got, want)
	}

	var old bytes.Buffer
	var size [binary.MaxVarintLen64]byte
	old.Write(size[:binary.PutUvarint(size[:], uint64(raw.Len()))])
	fw, _ := flate.NewWriter(&old, flate.BestCompression)
	fw.Write(raw.Bytes())
	fw.Close()
	if got, err := Read(bytes.NewReader(old.Bytes()), nil); err != nil || !reflect.DeepEqual(got, sample()) {
		t.Errorf("earlier form: %+v, %v", got, err)
	}

	for _, bad := range [][]byte{nil, []byte("not an index"), raw.Bytes()[:len(raw.Bytes())/2]} {
		if _, err := Decode(bad, nil); err == nil {
			t.Errorf("Decode(%d bytes of junk) gave no error", len(bad))
		}
	}
}
