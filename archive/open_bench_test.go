package archive

import (
	"context"
	"testing"
)

// BenchmarkOpenFresh is the fixed cost of a command on a new archive:
// making the catalog (every schema step) and closing it.
//
//	go test ./archive -run '^$' -bench OpenFresh -benchtime 20x
func BenchmarkOpenFresh(b *testing.B) {
	for b.Loop() {
		st, err := Open(context.Background(), b.TempDir())
		if err != nil {
			b.Fatal(err)
		}
		if err := st.Close(); err != nil {
			b.Fatal(err)
		}
	}
}
