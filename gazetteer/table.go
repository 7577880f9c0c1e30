package gazetteer

// table maps 64-bit hashes of name keys to posting lists. It is an
// open-addressing hash table over flat slices: a Go map of a million
// entries costs several times the memory and more time to build. Keys are
// not stored, only their hashes; at 64 bits a false hit is vanishingly rare
// and would only add a candidate that ranking then weighs.
type table struct {
	// filter is a blocked Bloom filter over the hashes, three bits in one
	// 64-bit word per hash: most windows of a text name nothing, and it
	// answers them with one memory access, without touching the table.
	filter []uint64
	slots  []slot
	pool   []uint32 // all posting lists, back to back
	n      int
}

// slot is a hash and its posting list, together so that a probe touches
// one cache line.
type slot struct {
	h      uint64 // 0 marks an empty slot
	off, n uint32
}

func newTable(capacity int) table {
	size := 1
	for size < capacity*2 {
		size <<= 1
	}
	return table{slots: make([]slot, size), filter: make([]uint64, filterWords)}
}

// filterWords is the filter's size: a megabyte, about twenty bits a key
// for the embedded index, which lets one miss in three hundred through.
const filterWords = 1 << 17

// filterBits returns the word of the filter for h and the bits set in it.
func filterBits(h uint64) (int, uint64) {
	m := (h ^ h>>32) * 0x9E3779B97F4A7C15
	bits := uint64(1)<<(m>>8&63) | uint64(1)<<(m>>14&63) | uint64(1)<<(m>>20&63)
	return int(m >> (64 - 17)), bits
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// hashBytes is FNV-1a, never 0. Hashing a concatenation equals hashing the
// parts in turn, which lets Find hash a window word by word.
func hashBytes(b []byte) uint64 {
	h := uint64(fnvOffset)
	for _, c := range b {
		h ^= uint64(c)
		h *= fnvPrime
	}
	return fixHash(h)
}

func hashString(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return fixHash(h)
}

func fixHash(h uint64) uint64 {
	if h == 0 {
		return 1
	}
	return h
}

func (t *table) find(h uint64) int {
	mask := len(t.slots) - 1
	i := int((h*0x9E3779B97F4A7C15)>>32) & mask
	for t.slots[i].h != 0 && t.slots[i].h != h {
		i = (i + 1) & mask
	}
	return i
}

// get returns the postings of h, nil when there are none. The slice must not
// be modified.
func (t *table) get(h uint64) []uint32 {
	if w, bits := filterBits(h); t.filter[w]&bits != bits {
		return nil
	}
	s := t.slots[t.find(h)]
	if s.h == 0 {
		return nil
	}
	return t.pool[s.off : s.off+s.n : s.off+s.n]
}

// add appends postings to h's list.
func (t *table) add(h uint64, postings []uint32) {
	if len(postings) == 0 {
		return
	}
	if (t.n+1)*2 > len(t.slots) {
		t.grow()
	}
	w, bits := filterBits(h)
	t.filter[w] |= bits
	i := t.find(h)
	if t.slots[i].h == 0 {
		t.slots[i] = slot{h: h, off: uint32(len(t.pool)), n: uint32(len(postings))}
		t.pool = append(t.pool, postings...)
		t.n++
		return
	}
	// Extend an existing list: copy it to the end with the new postings.
	old := t.slots[i]
	off := uint32(len(t.pool))
	t.pool = append(t.pool, t.pool[old.off:old.off+old.n]...)
	for _, p := range postings {
		dup := false
		for _, q := range t.pool[off:] {
			if q == p {
				dup = true
				break
			}
		}
		if !dup {
			t.pool = append(t.pool, p)
		}
	}
	t.slots[i] = slot{h: h, off: off, n: uint32(len(t.pool)) - off}
}

func (t *table) grow() {
	old := t.slots
	t.slots = make([]slot, len(old)*2)
	for _, s := range old {
		if s.h != 0 {
			t.slots[t.find(s.h)] = s
		}
	}
}
