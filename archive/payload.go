package archive

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"path/filepath"
)

// Payload reads a capture's payload from its WARC record, checking the
// record's digests: the body as archived (with any content coding: see
// DecodePayload) and the response header. For a revisit the body is the
// original capture's, the header the revisit's own.
func (s *Store) Payload(ctx context.Context, c *Capture) (body []byte, header http.Header, err error) {
	resp, err := ReadResponse(ctx, filepath.Join(s.WARCDir(), c.WARCFile), c.WARCOffset)
	if err != nil {
		return nil, nil, fmt.Errorf("payload of capture %d: %w", c.ID, err)
	}
	return s.payloadOf(ctx, c, resp)
}

// payloadOf is Payload once c's record was read as resp.
func (s *Store) payloadOf(ctx context.Context, c *Capture, resp *ArchivedResponse) (body []byte, header http.Header, err error) {
	header, body = resp.Header, resp.Body
	if c.RevisitOf != 0 {
		orig, err := s.Capture(ctx, c.RevisitOf)
		if err != nil {
			return nil, nil, fmt.Errorf("payload of capture %d: original %d: %w", c.ID, c.RevisitOf, err)
		}
		o, err := ReadResponse(ctx, filepath.Join(s.WARCDir(), orig.WARCFile), orig.WARCOffset)
		if err != nil {
			return nil, nil, fmt.Errorf("payload of capture %d: original %d: %w", c.ID, c.RevisitOf, err)
		}
		body = o.Body
	}
	if body == nil && c.RevisitOf == 0 && c.PayloadLength > 0 {
		return nil, nil, fmt.Errorf("payload of capture %d: %w", c.ID, errors.New("record has no payload"))
	}
	return body, header, nil
}
