package export

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"archivio/archive"
)

// Change is how one record differs between two moments.
type Change struct {
	ID    int    `json:"id"`
	Kind  string `json:"kind"`  // added, removed or changed
	Title any    `json:"title"` // the title at the later moment, or the earlier one for a removed record
	// Fields are the schema fields that differ, in schema order; only for
	// a changed record.
	Fields []FieldChange `json:"fields,omitempty"`
}

// FieldChange is one field's value before and after; nil is a missing
// value.
type FieldChange struct {
	Field string `json:"field"`
	From  any    `json:"from"`
	To    any    `json:"to"`
}

// diffFieldNames are the fields compared: the schema's, plus
// participation_index_max.
func diffFieldNames() []string {
	var out []string
	for _, f := range fields {
		out = append(out, f.Name)
		if f.Type == "index" {
			out = append(out, f.Name+"_max")
		}
	}
	return out
}

// ErrReversedRange is the error of a Diff whose from is later than its to.
var ErrReversedRange = errors.New("the earlier moment is later than the later one")

// Diff compares the records of the archive in dataDir as known at from
// with those known at to: records added, removed, and changed field by
// field. Records whose version is the same at both moments are not read.
// A from later than to is refused (ErrReversedRange): it would report
// every record added in between as removed.
func Diff(ctx context.Context, dataDir string, from, to time.Time) ([]Change, error) {
	if from.After(to) {
		return nil, fmt.Errorf("diff: from %s, to %s: %w", from.Format(time.RFC3339), to.Format(time.RFC3339), ErrReversedRange)
	}
	st, err := archive.OpenReadOnly(ctx, dataDir)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	return diffVersions(ctx, st, from, to)
}

// DiffArchive is Diff on a catalog already open (the shared PostgreSQL
// one).
func DiffArchive(ctx context.Context, st VersionPairs, from, to time.Time) ([]Change, error) {
	if from.After(to) {
		return nil, fmt.Errorf("diff: from %s, to %s: %w", from.Format(time.RFC3339), to.Format(time.RFC3339), ErrReversedRange)
	}
	return diffVersions(ctx, st, from, to)
}

// VersionPairs is what DiffArchive reads of a catalog.
type VersionPairs interface{ versionPairs }

// versionPairs is what Diff reads of the archive.
type versionPairs interface {
	VersionChanges(ctx context.Context, from, to time.Time, fn func(id int, before, after []byte) error) error
}

func diffVersions(ctx context.Context, st versionPairs, from, to time.Time) ([]Change, error) {
	names := diffFieldNames()
	out := []Change{}
	err := st.VersionChanges(ctx, from, to, func(id int, a, b []byte) error {
		da, err := decodeDoc(a)
		if err != nil {
			return fmt.Errorf("record %d: %w", id, err)
		}
		db, err := decodeDoc(b)
		if err != nil {
			return fmt.Errorf("record %d: %w", id, err)
		}
		c := Change{ID: id}
		switch {
		case da == nil:
			c.Kind, c.Title = "added", db["title"]
		case db == nil:
			c.Kind, c.Title = "removed", da["title"]
		default:
			c.Kind, c.Title = "changed", db["title"]
			c.Fields = fieldChanges(names, da, db)
			if len(c.Fields) == 0 {
				return nil // a new version that differs only outside the schema (links)
			}
		}
		out = append(out, c)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("diff: %w", err)
	}
	return out, nil
}

// CompareVersions lists the schema fields whose values differ between two
// versions of a record (JSON documents as stored), in schema order: what
// Diff reports for a changed record.
func CompareVersions(before, after []byte) ([]FieldChange, error) {
	da, err := decodeDoc(before)
	if err != nil {
		return nil, fmt.Errorf("compare versions: %w", err)
	}
	db, err := decodeDoc(after)
	if err != nil {
		return nil, fmt.Errorf("compare versions: %w", err)
	}
	return fieldChanges(diffFieldNames(), da, db), nil
}

func fieldChanges(names []string, da, db map[string]any) []FieldChange {
	var out []FieldChange
	for _, n := range names {
		if !sameJSON(da[n], db[n]) {
			out = append(out, FieldChange{Field: n, From: da[n], To: db[n]})
		}
	}
	return out
}

func decodeDoc(b []byte) (map[string]any, error) {
	if b == nil {
		return nil, nil
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var m map[string]any
	return m, dec.Decode(&m)
}

func sameJSON(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}
