package extract

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/sitrep-dev/sitrep"
)

// Explain prints each event's fields with the text behind them, then the
// document's text with every evidence span marked as ⟦text⟧{E1:field}, so
// that a person can check what each field was read from.
func Explain(w io.Writer, doc *sitrep.Document, events []sitrep.Event) error {
	if doc == nil {
		return fmt.Errorf("explain: no document")
	}
	bw := bufio.NewWriter(w)
	type mark struct {
		sp    sitrep.Span
		label string
	}
	var marks []mark
	text := doc.Text
	quote := func(sp sitrep.Span) string {
		if !sp.Valid() || sp.End > len(text) {
			return "(no span)"
		}
		return fmt.Sprintf("%q @%d-%d", text[sp.Start:sp.End], sp.Start, sp.End)
	}
	name := doc.ID
	if name == "" {
		name = doc.Source
	}
	fmt.Fprintf(bw, "document %s: %d event(s)\n", name, len(events))
	for i, ev := range events {
		fmt.Fprintf(bw, "\nE%d  %s / %s  (CAMEO %s, PLOVER %s)\n", i+1, ev.EventType, ev.SubEventType, ev.CAMEO, ev.PLOVER)
		fmt.Fprintf(bw, "    notes: %s\n", ev.Notes)
		fields := []struct{ key, val string }{
			{"event_type", ev.EventType},
			{"actor1", fmt.Sprintf("%s [inter %d]", ev.Actor1, ev.Inter1)},
			{"actor2", fmt.Sprintf("%s [inter %d]", ev.Actor2, ev.Inter2)},
			{"location", fmt.Sprintf("%s, %s, %s (geonameid %d, precision %d)", ev.Location, ev.Admin1, ev.Country, ev.GeonameID, ev.Precision)},
			{"event_date", fmt.Sprintf("%s %s (precision %d)", ev.EventDate, ev.DateEnd, ev.TimePrecision)},
		}
		for _, f := range fields {
			fmt.Fprintf(bw, "    %-12s %s  ← %s\n", f.key, f.val, quote(ev.Evidence[f.key]))
		}
		fmt.Fprintf(bw, "    interaction %d, fatalities %d", ev.Interaction, ev.Fatalities)
		if ev.FatalitiesLow != nil && ev.FatalitiesHigh != nil {
			fmt.Fprintf(bw, " (low %d, high %d)", *ev.FatalitiesLow, *ev.FatalitiesHigh)
		}
		fmt.Fprintln(bw)
		for k, c := range ev.Claims {
			key := fmt.Sprintf("claims[%d]", k)
			flags := ""
			if c.Denied {
				flags += " denied"
			}
			if c.Hedged {
				flags += " hedged"
			}
			fmt.Fprintf(bw, "    %s %s %d–%d (%s) victims=%q claimant=%q%s  ← %s\n", key, c.Kind, c.CountLow, c.CountHigh, c.Qualifier, c.Victims, c.Claimant, flags, quote(ev.Evidence[key]))
		}
		keys := make([]string, 0, len(ev.Evidence))
		for k := range ev.Evidence {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if k == "sub_event_type" {
				continue
			}
			marks = append(marks, mark{ev.Evidence[k], fmt.Sprintf("E%d:%s", i+1, k)})
		}
	}
	// the text with marks; overlapping spans are listed on the outer one
	sort.SliceStable(marks, func(i, j int) bool {
		if marks[i].sp.Start != marks[j].sp.Start {
			return marks[i].sp.Start < marks[j].sp.Start
		}
		return marks[i].sp.End > marks[j].sp.End
	})
	fmt.Fprintln(bw, "\ntext:")
	pos := 0
	var b strings.Builder
	for k := 0; k < len(marks); k++ {
		m := marks[k]
		if !m.sp.Valid() || m.sp.End > len(text) || m.sp.Start < pos {
			continue
		}
		labels := []string{m.label}
		for k+1 < len(marks) && marks[k+1].sp.Start < m.sp.End {
			k++
			labels = append(labels, marks[k].label)
		}
		b.WriteString(text[pos:m.sp.Start])
		b.WriteString("⟦" + text[m.sp.Start:m.sp.End] + "⟧{" + strings.Join(labels, ",") + "}")
		pos = m.sp.End
	}
	b.WriteString(text[pos:])
	bw.WriteString(b.String())
	if !strings.HasSuffix(text, "\n") {
		bw.WriteString("\n")
	}
	return bw.Flush()
}
