package archive

import (
	"hash/maphash"
	"sync"
)

// A KeyFilter is a set of strings in a fixed amount of memory (a Bloom
// filter): MayHave is false for a string never added, and true for one
// added; for others it is true with a probability that grows with what
// was added (see NewKeyFilter). It stands in front of a lookup in the catalog, which it
// spares for what was never added, so its memory does not grow with a
// crawl. Safe for concurrent use.
type KeyFilter struct {
	seed maphash.Seed

	mu   sync.Mutex
	bits []uint64
	mask uint64
}

// keyFilterHashes is how many bits a string sets.
const keyFilterHashes = 4

// NewKeyFilter makes a filter of 1<<log2bits bits. With 1<<21 bits (256
// KB) a lookup of a string never added is spared at least 99% of the
// time up to 200,000 strings, and 99.99% up to 40,000.
func NewKeyFilter(log2bits uint) *KeyFilter {
	n := uint64(1) << log2bits
	return &KeyFilter{seed: maphash.MakeSeed(), bits: make([]uint64, (n+63)/64), mask: n - 1}
}

// positions are the bits of s: double hashing of one 64-bit hash.
func (f *KeyFilter) positions(s string) (h1, h2 uint64) {
	h := maphash.String(f.seed, s)
	return h, h>>32 | h<<32 | 1
}

// Add puts s in the set.
func (f *KeyFilter) Add(s string) {
	h1, h2 := f.positions(s)
	f.mu.Lock()
	defer f.mu.Unlock()
	for i := range uint64(keyFilterHashes) {
		b := (h1 + i*h2) & f.mask
		f.bits[b/64] |= 1 << (b % 64)
	}
}

// MayHave reports whether s may have been added: false only for a string
// never added.
func (f *KeyFilter) MayHave(s string) bool {
	h1, h2 := f.positions(s)
	f.mu.Lock()
	defer f.mu.Unlock()
	for i := range uint64(keyFilterHashes) {
		b := (h1 + i*h2) & f.mask
		if f.bits[b/64]&(1<<(b%64)) == 0 {
			return false
		}
	}
	return true
}
