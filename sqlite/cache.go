package sqlite

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"sync"

	"github.com/sitrep-dev/sitrep"
)

// Decoding an incident's JSON snapshot is the largest part of asking for
// matching candidates, and ingest asks for the same incidents again and
// again: every event of a province and month meets the incidents already
// there. The writer therefore keeps the incidents it decoded or saved,
// keyed by id and version.
//
// A version of an incident never changes once committed (a change makes
// the next version, in whichever process), so a cached entry is right as
// long as its version is the row's. Entries a transaction adds are its
// own until it commits — a rolled-back version number can be reused with
// other content — and join the shared cache only then.

// maxCachedIncidents bounds the cache: about 2.5 KB of snapshot each, held
// decoded.
const maxCachedIncidents = 4096

type cachedIncident struct {
	version int
	inc     *sitrep.Incident
}

// incidentCache holds decoded incidents of committed versions.
type incidentCache struct {
	mu sync.Mutex
	m  map[int64]cachedIncident
}

func (c *incidentCache) get(key int64, version int) *sitrep.Incident {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.m[key]; ok && e.version == version {
		return e.inc
	}
	return nil
}

// add adds entries, dropping arbitrary older entries to stay within
// maxCachedIncidents.
func (c *incidentCache) add(entries map[int64]cachedIncident) {
	if len(entries) == 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[int64]cachedIncident{}
	}
	if len(c.m)+len(entries) > maxCachedIncidents {
		keep := maxCachedIncidents * 3 / 4
		for k := range c.m {
			if len(c.m) <= keep {
				break
			}
			delete(c.m, k)
		}
	}
	for k, e := range entries {
		if len(c.m) >= maxCachedIncidents {
			break
		}
		c.m[k] = e
	}
}

// cachedIncident returns incident key at version from the transaction's
// entries or the shared cache, or nil.
func (t *writeTx) cachedIncident(key int64, version int) *sitrep.Incident {
	if e, ok := t.incidents[key]; ok {
		if e.version == version {
			return e.inc
		}
		return nil
	}
	return t.db.incidents.get(key, version)
}

// cacheIncident keeps inc as incident key at version for the transaction.
func (t *writeTx) cacheIncident(key int64, version int, inc *sitrep.Incident) {
	if t.incidents == nil {
		t.incidents = map[int64]cachedIncident{}
	}
	t.incidents[key] = cachedIncident{version, inc}
}

// incident returns the stored incident key, whose current version the
// caller has read, decoding its snapshot only when the cache does not
// hold that version. The caller gets its own copy.
func (t *writeTx) incident(ctx context.Context, key int64, version int) (*sitrep.Incident, error) {
	inc, err := t.decoded(ctx, key, version)
	if err != nil {
		return nil, err
	}
	return cloneIncident(inc), nil
}

// decoded is incident without the copy: the incident returned is the
// cache's, which nobody may change.
func (t *writeTx) decoded(ctx context.Context, key int64, version int) (*sitrep.Incident, error) {
	if inc := t.cachedIncident(key, version); inc != nil {
		return inc, nil
	}
	var snapshot []byte
	if err := t.QueryRowContext(ctx, `SELECT snapshot FROM incidents WHERE id = ?`, key).Scan(&snapshot); err != nil {
		return nil, fmt.Errorf("incident %d: %w", key, err)
	}
	inc := &sitrep.Incident{}
	if snapshot != nil {
		if err := json.Unmarshal(snapshot, inc); err != nil {
			return nil, fmt.Errorf("incident %d: snapshot: %w", key, err)
		}
	}
	inc.ID = incidentID(key)
	t.cacheIncident(key, version, inc)
	return inc, nil
}

// cloneIncident copies inc deeply enough that changing the copy's fields,
// slices and maps leaves inc as it was.
func cloneIncident(inc *sitrep.Incident) *sitrep.Incident {
	c := *inc
	c.Claims = slices.Clone(inc.Claims)
	c.Evidence = maps.Clone(inc.Evidence)
	c.FatalitiesLow = cloneInt(inc.FatalitiesLow)
	c.FatalitiesHigh = cloneInt(inc.FatalitiesHigh)
	c.FatalitiesBest = cloneInt(inc.FatalitiesBest)
	c.GradeReasons = slices.Clone(inc.GradeReasons)
	c.Reports = slices.Clone(inc.Reports)
	c.SourcedClaims = slices.Clone(inc.SourcedClaims)
	c.Corrections = maps.Clone(inc.Corrections)
	c.Reviewers = slices.Clone(inc.Reviewers)
	return &c
}

func cloneInt(p *int) *int {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}
