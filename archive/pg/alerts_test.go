package pg_test

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"archivio/archive"
	"archivio/archive/pg"
)

func pendingIDs(t *testing.T, st *pg.Store) []int64 {
	t.Helper()
	rows, err := st.ClaimPendingAlerts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, r := range rows {
		ids = append(ids, r.ID)
	}
	return ids
}

// TestAlertClaims: a pending alert is its storing process's to deliver
// while its claim lives, then any node's; nodes claiming at once claim
// each pending alert once, oldest first; a delivered alert is settled, a
// failed one pending again for the next node starting, until it failed
// archive.MaxDeliveryAttempts times.
func TestAlertClaims(t *testing.T) {
	ctx := context.Background()
	ns := nodes(t, 4, pg.Options{AlertClaimTTL: 2 * time.Second})
	a, b, c, d := ns[0], ns[1], ns[2], ns[3]
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	add := func(st *pg.Store, u string, after time.Duration, delivery string) int64 {
		t.Helper()
		id, err := st.AddAlert(ctx, archive.AlertRow{Kind: "down", URL: u, Verdict: "gone", Since: at, At: at.Add(after), Delivery: delivery})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	later := add(a, "https://b.example/", time.Hour, archive.DeliveryPending)
	earlier := add(a, "https://a.example/", time.Minute, archive.DeliveryPending)
	add(a, "https://c.example/", 0, "") // no sinks: never pending
	if got := pendingIDs(t, b); len(got) != 0 {
		t.Fatalf("node2 claimed %v while node1 holds them", got)
	}
	// node1 records a delivery: its other pending alert's claim is
	// renewed, so node2 still cannot take it.
	time.Sleep(1200 * time.Millisecond)
	if err := a.MarkDelivered(ctx, earlier, `{"all":"ok"}`, archive.DeliveryDelivered); err != nil {
		t.Fatal(err)
	}
	time.Sleep(1200 * time.Millisecond)
	if got := pendingIDs(t, b); len(got) != 0 {
		t.Fatalf("node2 claimed %v while node1 delivers", got)
	}
	// node1 dies: once its claim expired, node2 claims the alert.
	time.Sleep(1200 * time.Millisecond)
	if got := pendingIDs(t, b); !slices.Equal(got, []int64{later}) {
		t.Fatalf("node2 claimed %v, want %d once node1's claim expired", got, later)
	}
	if got := pendingIDs(t, c); len(got) != 0 {
		t.Fatalf("node3 claimed %v, held by node2", got)
	}
	// Its delivery fails: pending again, any node's at once.
	if err := b.MarkDelivered(ctx, later, `{"error":"refused"}`, archive.DeliveryFailed); err != nil {
		t.Fatal(err)
	}
	if got := pendingIDs(t, c); !slices.Equal(got, []int64{later}) {
		t.Fatalf("node3 claimed %v, want the failed %d", got, later)
	}
	for range archive.MaxDeliveryAttempts - 1 {
		if err := c.MarkDelivered(ctx, later, `{"error":"refused"}`, archive.DeliveryFailed); err != nil {
			t.Fatal(err)
		}
	}
	if got := pendingIDs(t, d); len(got) != 0 {
		t.Fatalf("node4 claimed %v after %d failed attempts", got, archive.MaxDeliveryAttempts)
	}
	// One node records the Wayback copy an alert named; every node reads it.
	const copyURL = "https://web.archive.org/web/20260302090000/https://b.example/"
	if err := b.SetAlertWayback(ctx, later, copyURL); err != nil {
		t.Fatal(err)
	}
	rows, err := a.Alerts(ctx)
	if err != nil || len(rows) != 3 {
		t.Fatalf("alerts %+v %v", rows, err)
	}
	want := map[string][2]any{"https://a.example/": {archive.DeliveryDelivered, 1}, "https://b.example/": {archive.DeliveryFailed, archive.MaxDeliveryAttempts},
		"https://c.example/": {archive.DeliveryNone, 0}}
	for _, r := range rows {
		if w := want[r.URL]; r.Delivery != w[0] || r.Attempts != w[1] {
			t.Errorf("alert %s: %s after %d attempts, want %v", r.URL, r.Delivery, r.Attempts, w)
		}
		if (r.ID == later) != (r.Wayback == copyURL) || (r.ID != later && r.Wayback != "") {
			t.Errorf("alert %s: Wayback copy %q", r.URL, r.Wayback)
		}
	}

	// Nodes starting at once claim each alert once, and each its own in
	// order.
	var ids []int64
	for i := range 20 {
		ids = append(ids, add(d, "https://n.example/"+string(rune('a'+i)), time.Duration(i)*time.Second, archive.DeliveryPending))
	}
	time.Sleep(2200 * time.Millisecond) // node4 died
	var mu sync.Mutex
	var got []int64
	var wg sync.WaitGroup
	for _, st := range []*pg.Store{a, b, c} {
		wg.Go(func() {
			mine := pendingIDs(t, st)
			if !slices.IsSorted(mine) {
				t.Errorf("claimed out of order: %v", mine)
			}
			mu.Lock()
			got = append(got, mine...)
			mu.Unlock()
		})
	}
	wg.Wait()
	slices.Sort(got)
	if !slices.Equal(got, ids) {
		t.Errorf("claimed %v over three nodes, want each of %v once", got, ids)
	}
}

// TestMigrationSettlesOldAlerts: alerts stored before deliveries were
// recorded are settled by the migration, never claimed to be sent again.
func TestMigrationSettlesOldAlerts(t *testing.T) {
	ctx := context.Background()
	dsn := server.Schema(t)
	st, err := pg.Open(ctx, dsn, pg.Options{})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	for _, q := range []string{`DROP INDEX alerts_pending`,
		`ALTER TABLE alerts DROP COLUMN delivery, DROP COLUMN attempts, DROP COLUMN claim_owner, DROP COLUMN claim_expires, DROP COLUMN wayback`,
		`DELETE FROM schema_migrations WHERE version >= 10`,
		`INSERT INTO alerts (kind, url, verdict, since, at, delivered) VALUES
			('down', 'https://a.example/', 'gone', '2026-03-01T09:00:00.000000000Z', '2026-03-02T09:00:00.000000000Z', '{"all":"ok"}'),
			('down', 'https://b.example/', 'gone', '2026-03-01T09:00:00.000000000Z', '2026-03-02T09:00:01.000000000Z', '{"error":"refused"}'),
			('up', 'https://c.example/', 'ok', '2026-03-01T09:00:00.000000000Z', '2026-03-02T09:00:02.000000000Z', '{}')`} {
		if _, err := conn.Exec(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	if st, err = pg.Open(ctx, dsn, pg.Options{}); err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if got := pendingIDs(t, st); len(got) != 0 {
		t.Fatalf("claimed %v after the migration", got)
	}
	rows, err := st.Alerts(ctx)
	if err != nil || len(rows) != 3 {
		t.Fatalf("alerts %+v %v", rows, err)
	}
	for i, w := range []string{archive.DeliveryDelivered, archive.DeliveryFailed, archive.DeliveryUnknown} {
		if rows[i].Delivery != w {
			t.Errorf("alert %s: %s, want %s", rows[i].URL, rows[i].Delivery, w)
		}
	}
}
