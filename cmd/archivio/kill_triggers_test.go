package main

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"archivio/archive"
)

// plan arms one kill trigger for the run: right after a listing page is
// served, as soon as the catalog shows a listing page settled, after the
// n-th response, during a WARC rotation (when files are small), while the
// catalog's n-th write transaction (a group commit, mostly) is open, or
// after a random time.
func (k *killTrial) plan(run int, kill func(string), stop chan struct{}, wg *sync.WaitGroup) {
	pages := (k.records + k.pageSize - 1) / k.pageSize
	page := 1 + k.rng.IntN(pages)
	delay := time.Duration(k.rng.IntN(4000)) * time.Microsecond
	watch := func(f func()) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f()
		}()
	}
	r := k.rng.IntN(100)
	if k.commitsOnly {
		r = 72
	}
	switch {
	case r < 20:
		target := "/processi?page=" + strconv.Itoa(page)
		k.setTrigger(func(uri string) {
			if uri == target || (page == 1 && uri == "/processi") {
				time.AfterFunc(delay, func() { kill(fmt.Sprintf("%v after listing page %d was served", delay, page)) })
			}
		})
	case r < 45:
		watch(func() { k.watchSettled(page, kill, stop) })
	case r < 57 && k.smallFiles:
		rotations := 1 + k.rng.IntN(4)
		watch(func() { k.watchRotations(rotations, kill, stop) })
	case r < 72:
		n := 1 + k.rng.IntN(k.records+pages)
		var mu sync.Mutex
		count := 0
		k.setTrigger(func(string) {
			mu.Lock()
			count++
			hit := count == n
			mu.Unlock()
			if hit {
				time.AfterFunc(delay, func() { kill(fmt.Sprintf("%v after response %d", delay, n)) })
			}
		})
	case r < 90:
		n := 2 + k.rng.IntN(6)
		if k.commitsOnly {
			n = 2 + k.rng.IntN(3) // early: most kills land before the crawl is done
		}
		watch(func() { k.watchCommits(n, kill, stop) })
	default:
		after := time.Duration(k.rng.IntN(400)) * time.Millisecond
		watch(func() {
			select {
			case <-time.After(after):
				kill(fmt.Sprintf("after %v", after))
			case <-stop:
			}
		})
	}
}

// watchSettled kills the child as soon as the catalog shows listing page
// n settled: the moment a page noted done before its links were queued
// would lose them.
func (k *killTrial) watchSettled(n int, kill func(string), stop chan struct{}) {
	keys := []any{"url:/processi?page=" + strconv.Itoa(n)}
	if n == 1 {
		keys = append(keys, "url:/processi")
	}
	var db *sql.DB
	defer func() {
		if db != nil {
			db.Close()
		}
	}()
	for {
		select {
		case <-stop:
			return
		default:
		}
		if db == nil {
			path := filepath.Join(k.dir, archive.DBName)
			if _, err := os.Stat(path); err == nil {
				db, _ = sql.Open("sqlite3", "file:"+path+"?mode=ro&_busy_timeout=1000")
			}
		}
		if db != nil {
			var settled int
			q := `SELECT COUNT(*) FROM frontier WHERE state != 'queued' AND key IN (?` + strings.Repeat(", ?", len(keys)-1) + `)`
			if db.QueryRow(q, keys...).Scan(&settled) == nil && settled > 0 {
				kill(fmt.Sprintf("when listing page %d was settled", n))
				return
			}
		}
		time.Sleep(50 * time.Microsecond)
	}
}

// watchCommits kills the child while its n-th write transaction is open:
// the catalog's group commits, where captures, settled pages, their links
// and their records are written together. A transaction is seen open when
// taking the database's write lock fails at once (BEGIN IMMEDIATE, no
// busy timeout); when it is taken instead, it is given back at once.
func (k *killTrial) watchCommits(n int, kill func(string), stop chan struct{}) {
	var db *sql.DB
	defer func() {
		if db != nil {
			db.Close()
		}
	}()
	seen, open := 0, false
	for {
		select {
		case <-stop:
			return
		default:
		}
		if db == nil {
			// Only once the child has put the new catalog in WAL mode (its
			// -wal file exists): taking the lock of a catalog still being
			// created would fail the child's setup, not test a commit.
			path := filepath.Join(k.dir, archive.DBName)
			if _, err := os.Stat(path + "-wal"); err == nil {
				db, _ = sql.Open("sqlite3", "file:"+path+"?_busy_timeout=0&_txlock=immediate")
				if db != nil {
					db.SetMaxOpenConns(1)
				}
			}
		}
		if db != nil {
			tx, err := db.Begin()
			switch {
			case err == nil:
				tx.Rollback()
				open = false
			case strings.Contains(err.Error(), "locked") || strings.Contains(err.Error(), "busy"):
				if !open {
					seen++
					open = true
				}
				if seen == n {
					kill(fmt.Sprintf("while write transaction %d was open", n))
					return
				}
			}
		}
		time.Sleep(50 * time.Microsecond)
	}
}

func (k *killTrial) setTrigger(f func(string)) {
	k.mu.Lock()
	k.onServed = f
	k.mu.Unlock()
}

// watchRotations kills the child as soon as it has finished its n-th WARC
// file since the watch began (a new NAME.warc.gz appears), while it opens
// the next one.
func (k *killTrial) watchRotations(n int, kill func(string), stop chan struct{}) {
	closed := func() map[string]bool {
		m := map[string]bool{}
		files, _ := filepath.Glob(filepath.Join(k.dir, "warc", "*.warc.gz"))
		for _, f := range files {
			m[f] = true
		}
		return m
	}
	before := closed()
	for {
		select {
		case <-stop:
			return
		default:
		}
		now := closed()
		fresh := 0
		for f := range now {
			if !before[f] {
				fresh++
			}
		}
		if fresh >= n {
			kill(fmt.Sprintf("at WARC rotation %d", n))
			return
		}
		time.Sleep(100 * time.Microsecond)
	}
}
