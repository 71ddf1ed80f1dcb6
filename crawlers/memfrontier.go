package crawlers

import (
	"context"
	"fmt"
	"strings"
	"sync"
)

// memFrontier is a Frontier in memory, for crawls that need not survive
// their process (snapshots).
type memFrontier struct {
	mu    sync.Mutex
	state map[string]string // key -> queued, done, failed:REASON, excluded:REASON
}

func (f *memFrontier) add(links []Link) []bool {
	if f.state == nil {
		f.state = map[string]string{}
	}
	added := make([]bool, len(links))
	for i, l := range links {
		old, ok := f.state[l.Key]
		switch {
		case l.Excluded != "" && !ok:
			f.state[l.Key] = "excluded:" + l.Excluded
			added[i] = true
		case l.Excluded == "" && (!ok || strings.HasPrefix(old, "excluded")):
			f.state[l.Key] = "queued"
			added[i] = true
		}
	}
	return added
}

func (f *memFrontier) Add(_ context.Context, links []Link) ([]bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.add(links), nil
}

func (f *memFrontier) Settle(_ context.Context, key string, o Outcome, links []Link) ([]bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	added := f.add(links)
	if _, ok := f.state[key]; !ok {
		return nil, fmt.Errorf("settle %s: not in the frontier", key)
	}
	f.state[key] = o.State
	if o.Reason != "" {
		f.state[key] += ":" + o.Reason
	}
	return added, nil
}
