package archive

import (
	"cmp"
	"context"
	"fmt"
	"slices"
)

// packedDoc is a record version's document as stored, to unpack: data,
// where its page is (ref), and once unpacked its JSON text (doc).
type packedDoc struct {
	recordID, version int // for errors
	data              []byte
	ref               docRef
	doc               []byte
	err               error // unpackEach: why the document could not be read
}

// unpackDocs unpacks docs, failing on the first that cannot be read (see
// unpackEach).
func (s *Store) unpackDocs(ctx context.Context, docs []packedDoc) error {
	if err := s.unpackEach(ctx, docs); err != nil {
		return err
	}
	for i := range docs {
		if docs[i].err != nil {
			return docs[i].err
		}
	}
	return nil
}

// unpackEach unpacks docs. Documents packed against their pages have
// their pages read in the order of their WARC files and offsets (the
// order they were written in), not in the catalog's: a loop over many
// records reads each file forward. A document that cannot be read (its
// page's WARC record missing or damaged, its bytes damaged) gets the
// reason in its err and the others are read all the same; only ctx
// ending fails the whole.
func (s *Store) unpackEach(ctx context.Context, docs []packedDoc) error {
	order := make([]int, 0, len(docs))
	for i := range docs {
		d := &docs[i]
		if len(d.data) > 0 && d.data[0] == docDeflate2 {
			order = append(order, i)
			continue
		}
		var err error
		if d.doc, err = s.docs.unpack(d.data); err != nil {
			d.err = fmt.Errorf("version %d of record %d: %w", d.version, d.recordID, err)
		}
	}
	slices.SortFunc(order, func(a, b int) int {
		ra, rb := &docs[a].ref, &docs[b].ref
		return cmp.Or(cmp.Compare(ra.File, rb.File), cmp.Compare(ra.Offset, rb.Offset))
	})
	if len(order) == 0 {
		return nil
	}
	pages := s.newPageReader()
	defer pages.Close()
	for _, i := range order {
		d := &docs[i]
		doc, err := s.docs.unpackPage(d.data, func(n int) ([]byte, error) { return pages.page(ctx, d.ref, n) })
		if cerr := ctx.Err(); cerr != nil {
			return fmt.Errorf("version %d of record %d: %w", d.version, d.recordID, cerr)
		}
		if err != nil {
			d.err = fmt.Errorf("version %d of record %d: document read from capture %d: %w", d.version, d.recordID, d.ref.CaptureID, err)
			continue
		}
		d.doc = doc
	}
	return nil
}

// docBatch is how many documents a streaming read unpacks at once (see
// unpackDocs): enough for a WARC file's pages to be read mostly forward,
// few enough to hold (about 5 KB each).
const docBatch = 256
