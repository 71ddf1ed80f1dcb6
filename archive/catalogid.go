package archive

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// ErrNoCatalogID is returned by CatalogID for a catalog made by an
// archivio older than the catalog's identity, opened read-only: it gets
// one the next time a command opens it for writing.
var ErrNoCatalogID = errors.New("the catalog has no identity yet (open it once for writing, e.g. archivio reparse)")

// CatalogID is the catalog's identity, a UUID made once when the catalog
// was created (or upgraded) and kept for good: the same archive has the
// same id wherever its directory is, and two archives never share one.
func (s *Store) CatalogID(ctx context.Context) (string, error) {
	var id string
	err := s.db.QueryRowContext(ctx, `SELECT uuid FROM catalog WHERE id = 1`).Scan(&id)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return "", fmt.Errorf("catalog id: %w", ErrNoCatalogID)
	case err != nil && s.readOnly:
		return "", fmt.Errorf("catalog id: %w (%v)", ErrNoCatalogID, err)
	case err != nil:
		return "", fmt.Errorf("catalog id: %w", err)
	}
	return id, nil
}
