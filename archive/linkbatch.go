package archive

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// A record's links are written in batches of up to linkBatch rows per
// statement, each arity prepared once: a record cites a few links, and a
// statement's fixed cost (its call through cgo, its step) is most of what
// writing a small row takes.
const linkBatch = 8

// rowsSQL is head followed by n copies of row, comma-separated, then tail.
func rowsSQL(head, row string, n int, tail string) string {
	return head + strings.TrimSuffix(strings.Repeat(row+", ", n), ", ") + tail
}

func upsertLinksSQL(n int) string {
	return rowsSQL(`INSERT INTO links (url, first_seen) VALUES `, `(?, ?)`, n,
		` ON CONFLICT (url) DO UPDATE SET active = 1 RETURNING id, url`)
}

func insertRefsSQL(n int) string {
	return rowsSQL(`INSERT OR REPLACE INTO link_refs (link_id, record_id, field, source, declared_gone) VALUES `,
		`(?, ?, ?, ?, ?)`, n, ``)
}

var upsertLinks, insertRefs [linkBatch + 1]string

func init() {
	for n := 1; n <= linkBatch; n++ {
		upsertLinks[n] = writeStatement(upsertLinksSQL(n))
		insertRefs[n] = writeStatement(insertRefsSQL(n))
	}
}

// linkIDs adds urls to the link inventory (those already there made
// active again) and returns each one's id, in linkBatch-row statements.
// Rows are inserted in the order of the urls' first appearance, so new
// links take ids in it.
func linkIDs(t *txn, all []string, at time.Time) (map[string]int64, error) {
	urls := make([]string, 0, len(all))
	for _, u := range all {
		if !slices.Contains(urls, u) {
			urls = append(urls, u)
		}
	}
	ids := make(map[string]int64, len(urls))
	for start := 0; start < len(urls); start += linkBatch {
		part := urls[start:min(start+linkBatch, len(urls))]
		args := make([]any, 0, 2*len(part))
		for _, u := range part {
			args = append(args, u, timeValue(at))
		}
		rows, err := t.query(upsertLinks[len(part)], args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id int64
			var u string
			if err := rows.Scan(&id, &u); err != nil {
				rows.Close()
				return nil, err
			}
			ids[u] = id
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		for _, u := range part {
			if _, ok := ids[u]; !ok {
				return nil, fmt.Errorf("add link %s: no id returned", u)
			}
		}
	}
	return ids, nil
}

// insertLinkRefs writes record id's links, named by their ids, in
// linkBatch-row statements, in the order given.
func insertLinkRefs(t *txn, id int, links []CitedLink, ids map[string]int64) error {
	for start := 0; start < len(links); start += linkBatch {
		part := links[start:min(start+linkBatch, len(links))]
		args := make([]any, 0, 5*len(part))
		for _, l := range part {
			args = append(args, ids[l.URL], id, linkFieldValue(l.Field), linkSourceValue(l.Source), l.DeclaredGone)
		}
		if _, err := t.exec(insertRefs[len(part)], args...); err != nil {
			return err
		}
	}
	return nil
}
