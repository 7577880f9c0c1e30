package gazetteer

import (
	"testing"

	"github.com/sitrep-dev/sitrep/text"
)

func BenchmarkZZTokensInto(b *testing.B) {
	texts := fakesTexts(b)
	size := 0
	for _, t := range texts {
		size += len(t)
	}
	b.SetBytes(int64(size))
	var buf []text.Token
	for b.Loop() {
		for _, t := range texts {
			buf = text.TokensInto(buf, t)
		}
	}
}

func TestZZKeys(t *testing.T) {
	g, _ := Default()
	t.Log("keys", g.keys.n, "slots", len(g.keys.slots), "pool", len(g.keys.pool))
	ones := 0
	for _, w := range g.keys.small {
		for ; w != 0; w &= w - 1 {
			ones++
		}
	}
	t.Log("small fill", float64(ones)/float64(smallBits))
	ones = 0
	for _, w := range g.keys.bloom {
		for ; w != 0; w &= w - 1 {
			ones++
		}
	}
	t.Log("bloom fill", float64(ones)/float64(bloomBits))
}

var sink int

func BenchmarkZZSum(b *testing.B) {
	texts := fakesTexts(b)
	size := 0
	for _, t := range texts {
		size += len(t)
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		n := 0
		for _, t := range texts {
			for i := 0; i < len(t); i++ {
				if t[i] == ' ' {
					n++
				}
			}
		}
		sink = n
	}
}
