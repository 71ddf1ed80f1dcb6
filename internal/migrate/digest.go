package migrate

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// digest is an order-free digest of a table's rows: the sha256 of the
// sorted sha256 sums of its rows, each over its values typed and
// length-prefixed.
type digest struct {
	rows int64
	sums [][32]byte
}

func newDigest() *digest { return &digest{} }

func (d *digest) add(vals []any) {
	var b strings.Builder
	for _, v := range vals {
		switch x := v.(type) {
		case nil:
			b.WriteString("n;")
		case int64:
			b.WriteString("i" + strconv.FormatInt(x, 10) + ";")
		case float64:
			b.WriteString("f" + strconv.FormatFloat(x, 'g', -1, 64) + ";")
		case string:
			b.WriteString("s" + strconv.Itoa(len(x)) + ":" + x)
		case []byte:
			b.WriteString("s" + strconv.Itoa(len(x)) + ":" + string(x))
		default:
			fmt.Fprintf(&b, "?%T:%v;", v, v)
		}
	}
	d.rows++
	d.sums = append(d.sums, sha256.Sum256([]byte(b.String())))
}

func (d *digest) sum() string {
	slices.SortFunc(d.sums, func(a, b [32]byte) int { return strings.Compare(string(a[:]), string(b[:])) })
	h := sha256.New()
	for _, s := range d.sums {
		h.Write(s[:])
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}
