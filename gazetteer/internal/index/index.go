// Package index is the on-disk form of the embedded gazetteer: places,
// admin units and the precomputed name keys that point at them. The
// generator (gazetteer/gen) writes it and the gazetteer package reads it; it
// lives apart from both so that the generator can run before any index
// exists.
//
// The format is a magic string, then columns of varints and
// length-prefixed strings. Keys are sorted and front-coded, postings
// delta-coded. It is not compressed: the binary embeds it, and decoding it
// in place is what makes loading fast (inflating it cost more than all the
// rest); git compresses it in the repository. Read still accepts the
// earlier form, the uncompressed size as a uvarint and then one DEFLATE
// stream of the same bytes.
package index

import (
	"bufio"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sort"
)

const magic = "sitrep-gazetteer-2\n"

// Place is one populated place from GeoNames.
type Place struct {
	GeonameID int32
	Name      string
	Lat, Lon  int32 // degrees × 1e5
	Feature   uint8 // index into Index.Features
	Country   uint8 // index into Index.Countries
	Admin1    int32 // index into Index.Admin1, -1 when unknown
	Admin2    int32 // index into Index.Admin2, -1 when unknown
	Pop       uint32
}

// Admin is a first- or second-order administrative unit.
type Admin struct {
	Code string // GeoNames code, "SY.07" or "SY.07.174448"
	Name string
}

// Posting flags.
const (
	// Primary marks a key made from a place's main or ASCII name rather
	// than one of its alternate names.
	Primary = 1 << iota
	// FlagBits is how many low bits of a posting hold flags.
	FlagBits = iota
)

// Key is a name key and the entities it names. An entity number n < len(Places)
// is a place; then come the admin1 units and then the admin2 units. Each
// posting is entity<<FlagBits | flags.
type Key struct {
	Key      string
	Postings []uint32
}

// Index is the whole embedded gazetteer.
type Index struct {
	Source    string // what the index was built from, for people
	Features  []string
	Countries []string // ISO2 codes
	Admin1    []Admin
	Admin2    []Admin
	Places    []Place
	Keys      []Key // sorted by Key
	// Common lists common English words (folded), which need context
	// before they count as place names.
	Common []string
}

type writer struct {
	w   *bufio.Writer
	buf [binary.MaxVarintLen64]byte
}

func (w *writer) uint(v uint64) {
	n := binary.PutUvarint(w.buf[:], v)
	w.w.Write(w.buf[:n])
}

func (w *writer) int(v int64) {
	n := binary.PutVarint(w.buf[:], v)
	w.w.Write(w.buf[:n])
}

func (w *writer) str(s string) {
	w.uint(uint64(len(s)))
	w.w.WriteString(s)
}

func (w *writer) strs(ss []string) {
	w.uint(uint64(len(ss)))
	for _, s := range ss {
		w.str(s)
	}
}

// Write encodes ix to out. Keys must be sorted.
func (ix *Index) Write(out io.Writer) error {
	if !sort.SliceIsSorted(ix.Keys, func(i, j int) bool { return ix.Keys[i].Key < ix.Keys[j].Key }) {
		return errors.New("index: keys not sorted")
	}
	var raw bytes.Buffer
	w := &writer{w: bufio.NewWriterSize(&raw, 1<<16)}
	w.w.WriteString(magic)
	w.str(ix.Source)
	w.strs(ix.Features)
	w.strs(ix.Countries)
	for _, admins := range [][]Admin{ix.Admin1, ix.Admin2} {
		w.uint(uint64(len(admins)))
		for _, a := range admins {
			w.str(a.Code)
		}
		for _, a := range admins {
			w.str(a.Name)
		}
	}
	ps := ix.Places
	w.uint(uint64(len(ps)))
	var prev Place
	for _, p := range ps {
		w.int(int64(p.GeonameID - prev.GeonameID))
		prev.GeonameID = p.GeonameID
	}
	for _, p := range ps {
		w.str(p.Name)
	}
	for _, p := range ps {
		w.int(int64(p.Lat - prev.Lat))
		prev.Lat = p.Lat
	}
	for _, p := range ps {
		w.int(int64(p.Lon - prev.Lon))
		prev.Lon = p.Lon
	}
	for _, p := range ps {
		w.uint(uint64(p.Feature))
	}
	for _, p := range ps {
		w.uint(uint64(p.Country))
	}
	for _, p := range ps {
		w.int(int64(p.Admin1 - prev.Admin1))
		prev.Admin1 = p.Admin1
	}
	for _, p := range ps {
		w.int(int64(p.Admin2 - prev.Admin2))
		prev.Admin2 = p.Admin2
	}
	for _, p := range ps {
		w.uint(uint64(p.Pop))
	}
	w.uint(uint64(len(ix.Keys)))
	last := ""
	for _, k := range ix.Keys {
		n := 0
		for n < len(last) && n < len(k.Key) && last[n] == k.Key[n] {
			n++
		}
		w.uint(uint64(n))
		w.str(k.Key[n:])
		last = k.Key
	}
	for _, k := range ix.Keys {
		w.uint(uint64(len(k.Postings)))
		prev := uint32(0)
		for _, p := range k.Postings {
			w.int(int64(p) - int64(prev))
			prev = p
		}
	}
	w.strs(ix.Common)
	if err := w.w.Flush(); err != nil {
		return err
	}
	_, err := out.Write(raw.Bytes())
	return err
}

type reader struct {
	b   []byte
	err error
}

func (r *reader) fail(err error) {
	if r.err == nil {
		r.err = err
	}
	r.b = nil
}

func (r *reader) uint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.fail(errors.New("truncated or bad varint"))
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) int() int64 {
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.fail(errors.New("truncated or bad varint"))
		return 0
	}
	r.b = r.b[n:]
	return v
}

// count reads a length and checks it against a sanity limit, so that a
// corrupt index fails with an error rather than a huge allocation.
func (r *reader) count(limit int) int {
	n := r.uint()
	if n > uint64(limit) {
		r.fail(fmt.Errorf("count %d over limit %d", n, limit))
		return 0
	}
	return int(n)
}

func (r *reader) bytes() []byte {
	n := r.count(len(r.b))
	b := r.b[:n]
	r.b = r.b[n:]
	return b
}

func (r *reader) str() string { return string(r.bytes()) }

func (r *reader) strs() []string {
	return r.strings(r.count(len(r.b)))
}

// strings reads n strings into one backing string, sliced: one allocation
// instead of n.
func (r *reader) strings(n int) []string {
	ends := make([]int, n)
	// Measure first, so that the backing buffer is allocated once.
	save, total := r.b, 0
	for range ends {
		total += len(r.bytes())
	}
	r.b = save
	all := make([]byte, 0, total)
	for i := range ends {
		all = append(all, r.bytes()...)
		ends[i] = len(all)
	}
	joined := string(all)
	ss := make([]string, n)
	prev := 0
	for i, end := range ends {
		ss[i] = joined[prev:end]
		prev = end
	}
	return ss
}

const maxEntities = 1 << 24

// Read decodes an index written by Write, or in the earlier compressed
// form. When keyFn is not nil, keys are passed to it (key and postings are
// only valid during the call) instead of being kept in Index.Keys, which
// saves a string per key.
func Read(in io.Reader, keyFn func(key []byte, postings []uint32)) (*Index, error) {
	data, err := io.ReadAll(in)
	if err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	return Decode(data, keyFn)
}

// Decode is Read on bytes in memory, such as an embedded index: it reads
// them in place. It keeps no reference to data.
func Decode(data []byte, keyFn func(key []byte, postings []uint32)) (*Index, error) {
	if !bytes.HasPrefix(data, []byte(magic)) {
		var err error
		if data, err = inflate(data); err != nil {
			return nil, err
		}
	}
	if !bytes.HasPrefix(data, []byte(magic)) {
		return nil, errors.New("index: not a sitrep gazetteer index (bad magic)")
	}
	r := &reader{b: data[len(magic):]}
	ix := &Index{}
	ix.Source = r.str()
	ix.Features = r.strs()
	ix.Countries = r.strs()
	for _, admins := range []*[]Admin{&ix.Admin1, &ix.Admin2} {
		as := make([]Admin, r.count(maxEntities))
		for i, c := range r.strings(len(as)) {
			as[i].Code = c
		}
		for i, n := range r.strings(len(as)) {
			as[i].Name = n
		}
		*admins = as
	}
	ps := make([]Place, r.count(maxEntities))
	var prev Place
	for i := range ps {
		prev.GeonameID += int32(r.int())
		ps[i].GeonameID = prev.GeonameID
	}
	for i, name := range r.strings(len(ps)) {
		ps[i].Name = name
	}
	for i := range ps {
		prev.Lat += int32(r.int())
		ps[i].Lat = prev.Lat
	}
	for i := range ps {
		prev.Lon += int32(r.int())
		ps[i].Lon = prev.Lon
	}
	for i := range ps {
		ps[i].Feature = uint8(r.uint())
	}
	for i := range ps {
		ps[i].Country = uint8(r.uint())
	}
	for i := range ps {
		prev.Admin1 += int32(r.int())
		ps[i].Admin1 = prev.Admin1
	}
	for i := range ps {
		prev.Admin2 += int32(r.int())
		ps[i].Admin2 = prev.Admin2
	}
	for i := range ps {
		ps[i].Pop = uint32(r.uint())
	}
	ix.Places = ps
	nkeys := r.count(maxEntities)
	// Key strings come first, postings after: remember where each key's
	// bytes are by rebuilding them into one buffer.
	keyEnd := make([]int, nkeys)
	kb := make([]byte, 0, len(r.b))
	var prevStart, prevLen int
	for i := 0; i < nkeys && r.err == nil; i++ {
		n := r.count(prevLen)
		suffix := r.bytes()
		start := len(kb)
		kb = append(kb, kb[prevStart:prevStart+n]...)
		kb = append(kb, suffix...)
		keyEnd[i] = len(kb)
		prevStart, prevLen = start, n+len(suffix)
	}
	var pool []uint32
	if keyFn == nil {
		ix.Keys = make([]Key, nkeys)
		pool = make([]uint32, 0, 1<<20)
	}
	var postings []uint32
	start := 0
	for i := 0; i < nkeys && r.err == nil; i++ {
		n := r.count(maxEntities)
		postings = postings[:0]
		prev := int64(0)
		for j := 0; j < n; j++ {
			prev += r.int()
			postings = append(postings, uint32(prev))
		}
		key := kb[start:keyEnd[i]]
		start = keyEnd[i]
		if keyFn != nil {
			keyFn(key, postings)
			continue
		}
		off := len(pool)
		pool = append(pool, postings...)
		ix.Keys[i] = Key{Key: string(key), Postings: pool[off:len(pool):len(pool)]}
	}
	ix.Common = r.strs()
	if r.err != nil {
		return nil, fmt.Errorf("index: %w", r.err)
	}
	return ix, nil
}

// inflate reads the earlier form: the uncompressed size as a uvarint, then
// one DEFLATE stream.
func inflate(data []byte) ([]byte, error) {
	size, n := binary.Uvarint(data)
	if n <= 0 || size > 1<<30 {
		return nil, errors.New("index: not a sitrep gazetteer index (bad size)")
	}
	fr := flate.NewReader(bytes.NewReader(data[n:]))
	defer fr.Close()
	out := make([]byte, size)
	if _, err := io.ReadFull(fr, out); err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	return out, nil
}
