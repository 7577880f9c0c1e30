package gazetteer

import (
	"archive/zip"
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
)

// ScanGeoNames reads a GeoNames dump in the tab-separated "geoname" format
// (allCountries.txt, SY.txt, cities500.txt) and calls fn for each row.
// name names the input in errors. Alternate names are kept when written in
// Latin script. Scanning stops at the first error from fn.
func ScanGeoNames(r io.Reader, name string, fn func(Entry) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<16), 1<<24)
	line := 0
	for sc.Scan() {
		line++
		row := sc.Text()
		if row == "" || row[0] == '#' {
			continue
		}
		f := strings.Split(row, "\t")
		if len(f) < 15 {
			return fmt.Errorf("%s:%d: %d tab-separated fields, want 19 (not a GeoNames dump?)", name, line, len(f))
		}
		id, err := strconv.Atoi(f[0])
		if err != nil {
			return fmt.Errorf("%s:%d: geonameid %q: %w", name, line, f[0], err)
		}
		lat, err1 := strconv.ParseFloat(f[4], 64)
		lon, err2 := strconv.ParseFloat(f[5], 64)
		if err1 != nil || err2 != nil || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
			return fmt.Errorf("%s:%d: bad coordinates %q, %q", name, line, f[4], f[5])
		}
		pop, _ := strconv.Atoi(f[14])
		e := Entry{
			Name: f[1], Lat: lat, Lon: lon, Country: f[8], GeonameID: id,
			Feature: f[7], Admin1Code: f[10], Admin2Code: f[11], Population: pop,
		}
		if f[2] != "" && f[2] != f[1] {
			e.Aliases = append(e.Aliases, f[2])
		}
		for _, a := range strings.Split(f[3], ",") {
			if latin(a) {
				e.Aliases = append(e.Aliases, a)
			}
		}
		if err := fn(e); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// ReadGeoNames reads a whole GeoNames dump, keeping the rows keep accepts
// (all rows when keep is nil). For allCountries.txt pass a keep that
// filters, or use ScanGeoNames: the unfiltered dump holds 12 million rows.
func ReadGeoNames(r io.Reader, name string, keep func(Entry) bool) ([]Entry, error) {
	var out []Entry
	err := ScanGeoNames(r, name, func(e Entry) error {
		if keep == nil || keep(e) {
			out = append(out, e)
		}
		return nil
	})
	return out, err
}

// ReadGeoNamesZip reads the dump inside a GeoNames zip (allCountries.zip,
// SY.zip): the one .txt member that is not readme.txt.
func ReadGeoNamesZip(r io.ReaderAt, size int64, name string, keep func(Entry) bool) ([]Entry, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, ".txt") || strings.EqualFold(f.Name, "readme.txt") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %w", name, f.Name, err)
		}
		defer rc.Close()
		return ReadGeoNames(rc, name+":"+f.Name, keep)
	}
	return nil, fmt.Errorf("%s: no GeoNames .txt file in the zip", name)
}

// ReadAlternateNames reads GeoNames' alternateNamesV2.txt (or
// alternateNames.txt) into geonameid → names. Only names in the given ISO
// languages are kept, plus names with no language; pass no languages to
// keep every Latin-script name. Links, postal codes and airport codes are
// always dropped.
func ReadAlternateNames(r io.Reader, name string, langs ...string) (map[int][]string, error) {
	want := map[string]bool{"": true}
	for _, l := range langs {
		want[l] = true
	}
	skip := map[string]bool{"link": true, "post": true, "iata": true, "icao": true, "faac": true, "wkdt": true, "unlc": true, "fr_1793": true}
	out := map[int][]string{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<16), 1<<24)
	line := 0
	for sc.Scan() {
		line++
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 4 {
			return nil, fmt.Errorf("%s:%d: %d fields, want at least 4 (not an alternate names file?)", name, line, len(f))
		}
		id, err := strconv.Atoi(f[1])
		if err != nil {
			return nil, fmt.Errorf("%s:%d: geonameid %q: %w", name, line, f[1], err)
		}
		if skip[f[2]] || len(langs) > 0 && !want[f[2]] || !latin(f[3]) {
			continue
		}
		if len(f) > 7 && f[7] == "1" {
			continue // historic
		}
		out[id] = append(out[id], f[3])
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return out, nil
}

// WithAlternates adds the alternate names alts holds for each entry's
// GeoNames id to its aliases.
func WithAlternates(entries []Entry, alts map[int][]string) {
	for i := range entries {
		entries[i].Aliases = append(entries[i].Aliases, alts[entries[i].GeonameID]...)
	}
}

// ReadCSV reads a user gazetteer: a CSV file with a header naming the
// columns name, lat, lon and optionally aliases (separated by ";" or "|"),
// country, admin1, admin2, geonameid, population and feature, in any
// order. name names the input in errors.
func ReadCSV(r io.Reader, name string) ([]Entry, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: header: %w", name, err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))] = i
	}
	for _, need := range []string{"name", "lat", "lon"} {
		if _, ok := col[need]; !ok {
			return nil, fmt.Errorf("%s: header has no %q column (have %s)", name, need, strings.Join(header, ", "))
		}
	}
	var out []Entry
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		get := func(c string) string {
			if i, ok := col[c]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		e := Entry{Name: get("name"), Country: get("country"), Admin1: get("admin1"), Admin2: get("admin2"), Feature: get("feature")}
		if e.Name == "" {
			return nil, fmt.Errorf("%s:%d: empty name", name, line)
		}
		lat, err1 := strconv.ParseFloat(get("lat"), 64)
		lon, err2 := strconv.ParseFloat(get("lon"), 64)
		if err1 != nil || err2 != nil || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
			return nil, fmt.Errorf("%s:%d: bad coordinates %q, %q for %q", name, line, get("lat"), get("lon"), e.Name)
		}
		e.Lat, e.Lon = lat, lon
		for _, a := range strings.FieldsFunc(get("aliases"), func(r rune) bool { return r == ';' || r == '|' }) {
			if a = strings.TrimSpace(a); a != "" {
				e.Aliases = append(e.Aliases, a)
			}
		}
		if v := get("geonameid"); v != "" {
			if e.GeonameID, err = strconv.Atoi(v); err != nil {
				return nil, fmt.Errorf("%s:%d: geonameid %q: %w", name, line, v, err)
			}
		}
		if v := get("population"); v != "" {
			if e.Population, err = strconv.Atoi(v); err != nil {
				return nil, fmt.Errorf("%s:%d: population %q: %w", name, line, v, err)
			}
		}
		out = append(out, e)
	}
	return out, nil
}

// latin reports whether a name is written in Latin script (with digits,
// spaces and punctuation allowed), the only script Find reads.
func latin(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if r > unicode.MaxLatin1 && !unicode.Is(unicode.Latin, r) {
				return false
			}
			letters++
		}
	}
	return letters > 0
}
