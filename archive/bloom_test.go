package archive

import (
	"fmt"
	"testing"
)

func TestKeyFilter(t *testing.T) {
	tests := []struct {
		log2bits uint
		added    int
		maxFalse float64 // the largest share of strings never added it may claim
	}{
		{21, 40000, 0.001},
		{21, 200000, 0.02},
		{10, 2000, 1}, // overfull: still never a false "no"
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d bits, %d strings", 1<<tt.log2bits, tt.added), func(t *testing.T) {
			f := NewKeyFilter(tt.log2bits)
			for i := range tt.added {
				f.Add(fmt.Sprintf("sha1:added-%d", i))
			}
			for i := range tt.added {
				if !f.MayHave(fmt.Sprintf("sha1:added-%d", i)) {
					t.Fatalf("string %d was added, MayHave says no", i)
				}
			}
			const probes = 100000
			claimed := 0
			for i := range probes {
				if f.MayHave(fmt.Sprintf("sha1:other-%d", i)) {
					claimed++
				}
			}
			if share := float64(claimed) / probes; share > tt.maxFalse {
				t.Errorf("%d of %d strings never added may be there (%.4f), want at most %.4f", claimed, probes, share, tt.maxFalse)
			}
		})
	}
}
