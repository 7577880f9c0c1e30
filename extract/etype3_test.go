package extract

import (
	"strings"
	"testing"
)

// TestPassiveReportNotSource: "X attacks were reported on Y" tells what
// happened; the words before the passive verb are the event's parties, not
// the source of its figures.
func TestPassiveReportNotSource(t *testing.T) {
	x := New(nil)
	for _, text := range []string{
		"On 4 May 2021, two Taliban rocket attacks were reported on a checkpoint in Kandahar.",
		"On 4 May 2021, an al Shabaab mortar attack was reported on the airport in Mogadishu.",
	} {
		ev := mainEvent(t, x, text, "2021-05-05")
		if ev.Actor1 == "" || ev.Inter1 != 2 {
			t.Errorf("%q\n got actor1 %q (%d), want the armed group", text, ev.Actor1, ev.Inter1)
		}
	}
	// an active "reported" still names a source
	ev := mainEvent(t, x, "On 4 May 2021, two soldiers were killed in a blast near Kandahar, the Taliban reported.", "2021-05-05")
	if strings.Contains(ev.Actor1, "Taliban") || strings.Contains(ev.Actor2, "Taliban") {
		t.Errorf("the source became a party: %q / %q", ev.Actor1, ev.Actor2)
	}
}
