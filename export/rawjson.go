package export

import (
	"bytes"
	"encoding"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/internal/jsonenc"
)

// Stores keep each incident as its JSON, json.Marshal's encoding of a
// sitrep.Incident. Decoding that JSON and encoding the incident again is
// most of what writing a page of incidents costs, and it gives the bytes
// back unchanged but for a few escapes, as long as they are exactly what
// Marshal writes for what they decode to. IncidentJSON checks that they
// are, in one pass and without decoding, and then writes the incident from
// them. JSON that is not so — written by older code from an incident of
// another shape, say, or by hand — is refused, and the caller decodes it.

// IncidentJSON is an incident's stored JSON, checked to be what
// encoding/json writes for the incident it decodes to. The zero value is
// ready for Parse; its buffers are reused from call to call.
type IncidentJSON struct {
	id    string
	raw   []byte
	spans []valueSpan // the value of each field of incidentShape, by index
	edits []int       // where escapes that decoding changes start, ascending
}

// valueSpan is where a field's value lies in the JSON; start < 0 when the
// field is absent.
type valueSpan struct{ start, end int }

// Parse reads raw, the stored JSON of incident id: JSON that json.Unmarshal
// decodes into the incident once its ID is set to id. It reports whether
// raw is exactly json.Marshal's encoding of that incident. Only then may
// the Append methods be called; they read raw, which must stay unchanged
// until the next Parse.
func (j *IncidentJSON) Parse(id string, raw []byte) bool {
	s := incidentShape
	if s == nil {
		return false // sitrep.Incident has a field this reader does not know
	}
	j.id, j.raw = id, raw
	j.edits = j.edits[:0]
	if cap(j.spans) < len(s.fields) {
		j.spans = make([]valueSpan, len(s.fields))
	}
	j.spans = j.spans[:len(s.fields)]
	p := parser{b: raw, edits: &j.edits}
	if !p.object(s, j.spans) || p.i != len(raw) {
		return false
	}
	// The decoded incident's ID is id whatever the JSON says; the JSON
	// must say the same. Parse took the string as Marshal writes it, so
	// without a backslash its bytes are the string's.
	v := j.spans[incidentIDField]
	return v.start >= 0 && v.end-v.start == len(id)+2 && string(raw[v.start+1:v.end-1]) == id &&
		!strings.Contains(id, `\`)
}

// ID returns the id Parse was given.
func (j *IncidentJSON) ID() string { return j.id }

// Raw returns the JSON Parse read.
func (j *IncidentJSON) Raw() []byte { return j.raw }

// AppendIncident appends the incident as a json.Encoder with
// SetEscapeHTML(false) writes it, without the newline: as the API's JSON
// pages and JSON Lines hold it.
func (j *IncidentJSON) AppendIncident(dst []byte) []byte {
	return j.appendRange(dst, 0, len(j.raw), false)
}

// AppendField appends the value of the incident's field with JSON name
// name as json.Marshal writes it, and reports whether Marshal writes the
// field at all: an omitempty field with an empty value it leaves out.
func (j *IncidentJSON) AppendField(dst []byte, name string) ([]byte, bool) {
	i, ok := incidentFieldIndex[name]
	if !ok || j.spans[i].start < 0 {
		return dst, false
	}
	return j.appendRange(dst, j.spans[i].start, j.spans[i].end, true), true
}

// appendRange appends raw[start:end] with the escapes decoding changes
// written as encoding again writes them: U+FFFD as itself (Marshal escapes
// the invalid bytes it replaces, not the character) and, unless
// escapeHTML, <, > and & as themselves.
func (j *IncidentJSON) appendRange(dst []byte, start, end int, escapeHTML bool) []byte {
	for _, at := range j.edits {
		if at < start {
			continue
		}
		if at >= end {
			break
		}
		r := unescape(j.raw[at : at+6])
		if r != utf8.RuneError && escapeHTML {
			continue
		}
		dst = append(dst, j.raw[start:at]...)
		dst = utf8.AppendRune(dst, r)
		start = at + 6
	}
	return append(dst, j.raw[start:end]...)
}

// unescape returns the character of an escape recorded in edits.
func unescape(esc []byte) rune {
	switch string(esc) {
	case `\u003c`:
		return '<'
	case `\u003e`:
		return '>'
	case `\u0026`:
		return '&'
	}
	return utf8.RuneError
}

// A shape is what encoding/json writes for a Go type, as far as checking
// that JSON is its output needs to know.
type shape struct {
	kind   kind
	elem   *shape  // of a pointer, slice or map
	fields []field // of a struct, in the order Marshal writes them
}

type kind uint8

const (
	kindString kind = iota
	kindInt
	kindFloat
	kindBool
	kindPointer
	kindSlice
	kindMap // with string keys
	kindStruct
	kindTime // time.Time
	kindSpan // sitrep.Span: [start, end]
	kindRaw  // json.RawMessage: written as it is held
)

type field struct {
	name      string
	key       []byte // `"name":`
	omitEmpty bool   // Marshal leaves the field out when its value is empty
	shape     *shape
}

// incidentShape is sitrep.Incident's shape, or nil when it has a field
// whose encoding shapeOf does not know: then no JSON is taken as it is.
var incidentShape, incidentFieldIndex, incidentIDField = func() (*shape, map[string]int, int) {
	s, err := shapeOf(reflect.TypeFor[sitrep.Incident](), map[reflect.Type]*shape{})
	if err != nil || s.kind != kindStruct || !spanEncodes() {
		return nil, nil, 0
	}
	index := map[string]int{}
	for i, f := range s.fields {
		index[f.name] = i
	}
	id, ok := index["id"]
	if !ok || s.fields[id].shape.kind != kindString || s.fields[id].omitEmpty {
		return nil, nil, 0
	}
	return s, index, id
}()

// spanEncodes reports whether sitrep.Span still encodes as [start, end],
// the form kindSpan checks.
func spanEncodes() bool {
	b, err := json.Marshal(sitrep.Span{Start: 3, End: 15})
	return err == nil && string(b) == "[3,15]"
}

var (
	marshaler       = reflect.TypeFor[json.Marshaler]()
	unmarshaler     = reflect.TypeFor[json.Unmarshaler]()
	textMarshaler   = reflect.TypeFor[encoding.TextMarshaler]()
	textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// customCoded reports whether t has an encoding of its own.
func customCoded(t reflect.Type) bool {
	p := reflect.PointerTo(t)
	for _, i := range []reflect.Type{marshaler, unmarshaler, textMarshaler, textUnmarshaler} {
		if t.Implements(i) || p.Implements(i) {
			return true
		}
	}
	return false
}

// shapeOf returns t's shape. Types it does not know — interfaces, custom
// encodings other than time.Time's, sitrep.Span's and json.RawMessage's,
// struct tags with options other than omitempty — are an error.
func shapeOf(t reflect.Type, seen map[reflect.Type]*shape) (*shape, error) {
	if s, ok := seen[t]; ok {
		return s, nil
	}
	switch t {
	case reflect.TypeFor[time.Time]():
		return &shape{kind: kindTime}, nil
	case reflect.TypeFor[sitrep.Span]():
		return &shape{kind: kindSpan}, nil
	case reflect.TypeFor[json.RawMessage]():
		return &shape{kind: kindRaw}, nil
	}
	if customCoded(t) {
		return nil, fmt.Errorf("%s has an encoding of its own", t)
	}
	s := &shape{}
	seen[t] = s
	var err error
	switch t.Kind() {
	case reflect.String:
		s.kind = kindString
	case reflect.Int:
		s.kind = kindInt
	case reflect.Float64:
		s.kind = kindFloat
	case reflect.Bool:
		s.kind = kindBool
	case reflect.Pointer:
		s.kind = kindPointer
		s.elem, err = shapeOf(t.Elem(), seen)
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return nil, fmt.Errorf("%s: bytes are written in base64", t)
		}
		s.kind = kindSlice
		s.elem, err = shapeOf(t.Elem(), seen)
	case reflect.Map:
		if t.Key().Kind() != reflect.String || customCoded(t.Key()) {
			return nil, fmt.Errorf("%s: keys other than strings", t)
		}
		s.kind = kindMap
		s.elem, err = shapeOf(t.Elem(), seen)
	case reflect.Struct:
		s.kind = kindStruct
		s.fields, err = structFields(t, seen)
	default:
		return nil, fmt.Errorf("%s: kind %s", t, t.Kind())
	}
	return s, err
}

// structFields lists the fields Marshal writes for struct type t, in its
// order: declared order, with the fields of untagged embedded structs in
// place of them. Two fields of one name, which encoding/json settles by
// depth, are an error.
func structFields(t reflect.Type, seen map[reflect.Type]*shape) ([]field, error) {
	var out []field
	for i := range t.NumField() {
		sf := t.Field(i)
		tag := sf.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if sf.Anonymous {
			if name != "" || sf.Type.Kind() != reflect.Struct || customCoded(sf.Type) {
				return nil, fmt.Errorf("%s.%s: an embedded field other than an untagged struct", t, sf.Name)
			}
			inner, err := structFields(sf.Type, seen)
			if err != nil {
				return nil, err
			}
			out = append(out, inner...)
			continue
		}
		if !sf.IsExported() {
			continue
		}
		if name == "" {
			name = sf.Name
		}
		if strings.ContainsAny(name, `"\<>&`) {
			return nil, fmt.Errorf("%s.%s: name %q", t, sf.Name, name)
		}
		f := field{name: name, key: fmt.Appendf(nil, "%q:", name)}
		switch opts {
		case "":
		case "omitempty":
			f.omitEmpty = true
		default:
			return nil, fmt.Errorf("%s.%s: option %q", t, sf.Name, opts)
		}
		var err error
		if f.shape, err = shapeOf(sf.Type, seen); err != nil {
			return nil, err
		}
		// omitempty never leaves out a struct (time.Time and Span are
		// structs).
		if k := f.shape.kind; k == kindStruct || k == kindTime || k == kindSpan {
			f.omitEmpty = false
		}
		out = append(out, f)
	}
	names := map[string]bool{}
	for _, f := range out {
		if names[f.name] {
			return nil, fmt.Errorf("%s: two fields named %q", t, f.name)
		}
		names[f.name] = true
	}
	return out, nil
}

// maxDepth bounds the nesting of JSON held as it is, as encoding/json
// bounds what it decodes.
const maxDepth = 10000

// parser checks that JSON is what Marshal writes for values of a shape.
// Each method reads one value at i and reports whether it is so.
type parser struct {
	b     []byte
	i     int
	edits *[]int
}

func (p *parser) peek() byte {
	if p.i < len(p.b) {
		return p.b[p.i]
	}
	return 0
}

// literal reads s.
func (p *parser) literal(s string) bool {
	if len(p.b)-p.i < len(s) || string(p.b[p.i:p.i+len(s)]) != s {
		return false
	}
	p.i += len(s)
	return true
}

// value reads a value of shape s. With omitEmpty, the value must not be
// one Marshal leaves out.
func (p *parser) value(s *shape, omitEmpty bool) bool {
	switch s.kind {
	case kindString:
		start := p.i
		return p.string(false) && !(omitEmpty && p.i-start == 2)
	case kindInt:
		n, ok := p.integer()
		return ok && !(omitEmpty && n == 0)
	case kindFloat:
		return p.float(omitEmpty)
	case kindBool:
		if p.literal("true") {
			return true
		}
		return !omitEmpty && p.literal("false")
	case kindPointer:
		if p.peek() == 'n' {
			return !omitEmpty && p.literal("null")
		}
		return p.value(s.elem, false)
	case kindSlice:
		return p.array(s.elem, omitEmpty)
	case kindMap:
		return p.mapObject(s.elem, omitEmpty)
	case kindStruct:
		return p.object(s, nil)
	case kindTime:
		return p.time()
	case kindSpan:
		if !p.literal("[") {
			return false
		}
		_, ok := p.integer()
		if !ok || !p.literal(",") {
			return false
		}
		_, ok = p.integer()
		return ok && p.literal("]")
	case kindRaw:
		return p.raw(0)
	}
	return false
}

// object reads a struct of shape s: its fields in order, each present
// unless omitEmpty lets Marshal leave it out. When spans is not nil, it
// receives where each field's value lies.
func (p *parser) object(s *shape, spans []valueSpan) bool {
	if !p.literal("{") {
		return false
	}
	for k := range spans {
		spans[k] = valueSpan{-1, -1}
	}
	k := 0
	for n := 0; ; n++ {
		if p.peek() == '}' {
			p.i++
			break
		}
		if n > 0 && !p.literal(",") {
			return false
		}
		for ; k < len(s.fields) && !bytes.HasPrefix(p.b[p.i:], s.fields[k].key); k++ {
			if !s.fields[k].omitEmpty {
				return false
			}
		}
		if k == len(s.fields) {
			return false
		}
		f := &s.fields[k]
		p.i += len(f.key)
		start := p.i
		if !p.value(f.shape, f.omitEmpty) {
			return false
		}
		if spans != nil {
			spans[k] = valueSpan{start, p.i}
		}
		k++
	}
	for ; k < len(s.fields); k++ {
		if !s.fields[k].omitEmpty {
			return false
		}
	}
	return true
}

// array reads a slice of elem: null, or its elements.
func (p *parser) array(elem *shape, omitEmpty bool) bool {
	if p.peek() == 'n' {
		return !omitEmpty && p.literal("null")
	}
	if !p.literal("[") {
		return false
	}
	if p.peek() == ']' {
		p.i++
		return !omitEmpty
	}
	for {
		if !p.value(elem, false) {
			return false
		}
		if p.literal("]") {
			return true
		}
		if !p.literal(",") {
			return false
		}
	}
}

// mapObject reads a map of elem: null, or its entries in the order
// Marshal sorts them, by key. Keys must need no escapes, so that their
// bytes are the key.
func (p *parser) mapObject(elem *shape, omitEmpty bool) bool {
	if p.peek() == 'n' {
		return !omitEmpty && p.literal("null")
	}
	if !p.literal("{") {
		return false
	}
	if p.peek() == '}' {
		p.i++
		return !omitEmpty
	}
	var last []byte
	for n := 0; ; n++ {
		start := p.i
		if !p.string(true) {
			return false
		}
		key := p.b[start+1 : p.i-1]
		if n > 0 && bytes.Compare(last, key) >= 0 {
			return false
		}
		last = key
		if !p.literal(":") || !p.value(elem, false) {
			return false
		}
		if p.literal("}") {
			return true
		}
		if !p.literal(",") {
			return false
		}
	}
}

// safe holds the bytes Marshal writes in a string as they are.
var safe = func() (t [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()

// string reads a string as Marshal writes it, HTML characters escaped.
// Escapes whose character encoding writes otherwise than Marshal's input
// had it (U+FFFD for an invalid byte; <, > and & without HTML escaping)
// are added to edits. plain refuses every escape.
func (p *parser) string(plain bool) bool {
	b := p.b
	if !p.literal(`"`) {
		return false
	}
	i := p.i
	for i < len(b) {
		c := b[i]
		if c < utf8.RuneSelf {
			if safe[c] {
				i++
				continue
			}
			if c == '"' {
				p.i = i + 1
				return true
			}
			if c != '\\' || plain || i+1 >= len(b) {
				return false // a control character, or <, > or & unescaped
			}
			n, edit := escape(b[i:])
			if n == 0 {
				return false
			}
			if edit {
				*p.edits = append(*p.edits, i)
			}
			i += n
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
			return false // Marshal escapes these
		}
		i += size
	}
	return false
}

// escape returns the length of the escape at the start of b if Marshal
// writes it, or 0, and whether it is one whose character encoding writes
// otherwise (see string).
func escape(b []byte) (n int, edit bool) {
	switch b[1] {
	case '"', '\\', 'b', 'f', 'n', 'r', 't':
		return 2, false
	case 'u':
	default:
		return 0, false
	}
	if len(b) < 6 {
		return 0, false
	}
	switch u := string(b[2:6]); u {
	case "003c", "003e", "0026", "fffd":
		return 6, true
	case "2028", "2029":
		return 6, false
	default:
		// Control characters that have no short escape.
		if u[0] == '0' && u[1] == '0' && (u[2] == '0' || u[2] == '1') && isLowerHex(u[3]) {
			switch c := u[2]&1<<4 | hexValue(u[3]); c {
			case '\b', '\f', '\n', '\r', '\t':
				return 0, false
			}
			return 6, false
		}
	}
	return 0, false
}

func isLowerHex(c byte) bool { return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' }

func hexValue(c byte) byte {
	if c <= '9' {
		return c - '0'
	}
	return c - 'a' + 10
}

// integer reads an int as Marshal writes it.
func (p *parser) integer() (int64, bool) {
	start := p.i
	i := p.i
	if i < len(p.b) && p.b[i] == '-' {
		i++
	}
	digits := i
	for i < len(p.b) && '0' <= p.b[i] && p.b[i] <= '9' {
		i++
	}
	if i == digits || i-digits > 1 && p.b[digits] == '0' {
		return 0, false
	}
	var n int64
	if i-digits < 19 && strconv.IntSize == 64 {
		for _, c := range p.b[digits:i] {
			n = n*10 + int64(c-'0')
		}
		if digits > start {
			n = -n
		}
	} else {
		var err error
		if n, err = strconv.ParseInt(string(p.b[start:i]), 10, strconv.IntSize); err != nil {
			return 0, false
		}
	}
	if n == 0 && digits > start { // -0 decodes to 0, written 0
		return 0, false
	}
	p.i = i
	return n, true
}

// numberEnd returns the end of the JSON number at i, or i when there is
// none.
func numberEnd(b []byte, i int) int {
	start := i
	digits := func() bool {
		from := i
		for i < len(b) && '0' <= b[i] && b[i] <= '9' {
			i++
		}
		return i > from
	}
	if i < len(b) && b[i] == '-' {
		i++
	}
	if i < len(b) && b[i] == '0' {
		i++
	} else if !digits() {
		return start
	}
	if i < len(b) && b[i] == '.' {
		i++
		if !digits() {
			return start
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if !digits() {
			return start
		}
	}
	return i
}

// float reads a float64 as Marshal writes it: the number must be the one
// Marshal writes for the value it parses to.
func (p *parser) float(omitEmpty bool) bool {
	end := numberEnd(p.b, p.i)
	if end == p.i {
		return false
	}
	num := p.b[p.i:end]
	f, err := strconv.ParseFloat(string(num), 64)
	if err != nil || omitEmpty && f == 0 {
		return false
	}
	var buf [32]byte
	if !bytes.Equal(jsonenc.AppendFloat(buf[:0], f), num) {
		return false
	}
	p.i = end
	return true
}

// time reads an instant as time.Time's MarshalJSON writes it: the string
// must be the one it writes for the instant it parses to.
func (p *parser) time() bool {
	start := p.i
	if !p.string(true) {
		return false
	}
	var t time.Time
	if err := t.UnmarshalJSON(p.b[start:p.i]); err != nil {
		return false
	}
	var buf [40]byte
	b, err := t.AppendText(buf[:0])
	return err == nil && bytes.Equal(b, p.b[start+1:p.i-1])
}

// raw reads any JSON value, which decoding keeps as it is and encoding
// writes again as it is if it is compact and holds nothing Marshal's
// compaction escapes: <, >, &, U+2028, U+2029.
func (p *parser) raw(depth int) bool {
	if depth > maxDepth {
		return false
	}
	b := p.b
	switch p.peek() {
	case '{', '[':
		closing := byte('}')
		if b[p.i] == '[' {
			closing = ']'
		}
		object := closing == '}'
		p.i++
		if p.literal(string(closing)) {
			return true
		}
		for {
			if object && (!p.rawString() || !p.literal(":")) {
				return false
			}
			if !p.raw(depth + 1) {
				return false
			}
			if p.literal(string(closing)) {
				return true
			}
			if !p.literal(",") {
				return false
			}
		}
	case '"':
		return p.rawString()
	case 't':
		return p.literal("true")
	case 'f':
		return p.literal("false")
	case 'n':
		return p.literal("null")
	}
	end := numberEnd(b, p.i)
	if end == p.i {
		return false
	}
	p.i = end
	return true
}

// rawString reads a JSON string held as it is: any escape, nothing
// compaction escapes.
func (p *parser) rawString() bool {
	b := p.b
	if !p.literal(`"`) {
		return false
	}
	for i := p.i; i < len(b); i++ {
		switch c := b[i]; {
		case c == '"':
			p.i = i + 1
			return true
		case c < 0x20 || c == '<' || c == '>' || c == '&':
			return false
		case c == 0xE2 && i+2 < len(b) && b[i+1] == 0x80 && b[i+2]&^1 == 0xA8:
			return false // U+2028, U+2029
		case c == '\\':
			if i+1 >= len(b) {
				return false
			}
			i++
			switch b[i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if i+4 >= len(b) {
					return false
				}
				for _, h := range b[i+1 : i+5] {
					if !isLowerHex(h) && !('A' <= h && h <= 'F') {
						return false
					}
				}
				i += 4
			default:
				return false
			}
		}
	}
	return false
}

// DecodeIncident decodes raw, the stored JSON of incident id, as a store
// does: json.Unmarshal, then the ID set to id. It is the way for JSON
// that IncidentJSON.Parse refuses.
func DecodeIncident(id string, raw []byte) (*sitrep.Incident, error) {
	inc := &sitrep.Incident{}
	if err := json.Unmarshal(raw, inc); err != nil {
		return nil, fmt.Errorf("incident %s: stored JSON: %w", id, err)
	}
	inc.ID = id
	return inc, nil
}
