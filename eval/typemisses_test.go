package eval

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/extract"
	"github.com/sitrep-dev/sitrep/gazetteer"
)

// TestTypeMisses writes the ACLED rows whose main event gets the wrong
// sub-event type or interaction, and the PLOVER records with the wrong event
// type, to the file named by SITREP_TYPE_MISSES. Misses are grouped by
// confusion ("gold -> got"), the largest group first, so the biggest
// patterns show at the top. It is a tool for people, skipped unless the
// variable is set.
func TestTypeMisses(t *testing.T) {
	out := os.Getenv("SITREP_TYPE_MISSES")
	if out == "" {
		t.Skip("set SITREP_TYPE_MISSES to a file to list the event type misses")
	}
	dir := sharedDir(t)
	g, err := gazetteer.Default()
	if err != nil {
		t.Fatal(err)
	}
	x := extract.New(g)
	sub := map[string][]string{}
	inter := map[string][]string{}
	path := filepath.Join(dir, ACLEDPath)
	tab, err := readTable(path, acledColumns...)
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range tab.rows {
		gold, err := acledGold(tab, row)
		if err != nil {
			t.Fatal(err)
		}
		doc := newDocument("acled:"+gold.id, path, "", gold.notes)
		doc.Published = gold.published
		doc.Outlet = gold.source
		evs := x.Events(doc)
		var e *sitrep.Event
		if len(evs) > 0 {
			e = &evs[0]
		}
		gotSub, gotInter, actors := "(none)", 0, ""
		if e != nil {
			gotSub, gotInter = e.SubEventType, interactionOf(e)
			actors = fmt.Sprintf("%q(%d) / %q(%d)", e.Actor1, e.Inter1, e.Actor2, e.Inter2)
		}
		line := fmt.Sprintf("%s [%s] %s\n    %s\n", gold.id, actors, goldActors(tab, row), gold.notes)
		if gotSub != gold.subType {
			k := gold.subType + " -> " + gotSub
			sub[k] = append(sub[k], line)
		}
		if e == nil || gotInter != gold.interaction {
			k := fmt.Sprintf("%d -> %d", gold.interaction, gotInter)
			inter[k] = append(inter[k], line)
		}
	}
	plover := map[string][]string{}
	raw, err := os.ReadFile(filepath.Join(dir, "data", "plover", "PLOVER_GSR_CAMEO.json"))
	if err != nil {
		t.Fatal(err)
	}
	var recs []ploverRecord
	if err := json.Unmarshal(raw, &recs); err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		if strings.TrimSpace(r.Text) == "" || r.Event == "DOCUMENT" {
			continue
		}
		evs := x.Events(newDocument("plover:"+r.ID, "plover", "", r.Text))
		got := "(none)"
		if len(evs) > 0 {
			got = evs[0].PLOVER
			if got == "" {
				got = "(empty) " + evs[0].SubEventType
			}
		}
		if !strings.EqualFold(got, r.Event) {
			k := r.Event + " -> " + got
			plover[k] = append(plover[k], fmt.Sprintf("%s\n    %s\n", r.ID, r.Text))
		}
	}
	var b strings.Builder
	for _, part := range []struct {
		name   string
		groups map[string][]string
	}{{"ACLED sub_event_type", sub}, {"ACLED interaction", inter}, {"PLOVER event", plover}} {
		fmt.Fprintf(&b, "######## %s\n\n", part.name)
		writeGroups(&b, part.groups)
	}
	if err := os.WriteFile(out, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// goldActors formats a row's gold actors and inter codes.
func goldActors(tab *table, row []string) string {
	return fmt.Sprintf("gold %q(%s) / %q(%s)", tab.get(row, "actor1"), tab.get(row, "inter1"), tab.get(row, "actor2"), tab.get(row, "inter2"))
}

// writeGroups writes groups, the largest first.
func writeGroups(b *strings.Builder, groups map[string][]string) {
	var keys []string
	for k := range groups {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if len(groups[keys[i]]) != len(groups[keys[j]]) {
			return len(groups[keys[i]]) > len(groups[keys[j]])
		}
		return keys[i] < keys[j]
	})
	for _, k := range keys {
		fmt.Fprintf(b, "== %s: %d\n", k, len(groups[k]))
	}
	b.WriteString("\n")
	for _, k := range keys {
		fmt.Fprintf(b, "== %s: %d\n\n", k, len(groups[k]))
		for _, s := range groups[k] {
			b.WriteString(s)
		}
		b.WriteString("\n")
	}
}
