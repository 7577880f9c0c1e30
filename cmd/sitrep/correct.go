package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/reconcile"
)

func init() {
	register(command{name: "correct", summary: "correct, split or merge incidents as a reviewer", run: runCorrect})
}

const correctAbout = `
Records a reviewer's decision about incidents. Each is saved as a new version
carrying the reviewer's name and note, and reprocessing keeps it.

  set ID FIELD=VALUE...   set fields of incident ID (JSON field names, as
                          'sitrep export' prints them). VALUE is JSON when
                          it parses as JSON of the field's type, a string
                          otherwise; null withdraws an earlier correction.
  split ID DOC...         move the reports of documents DOC out of incident
                          ID into a new incident, and print its id
  merge INTO FROM...      merge incidents FROM into incident INTO; each FROM
                          leaves a redirect to INTO

--reviewer is required.`

func runCorrect(ctx context.Context, e *env, args []string) error {
	fs := flags(e, "correct", "[--db PATH] --reviewer NAME [--note TEXT] set|split|merge ID ARGS...", correctAbout)
	db := dbFlag(fs)
	who := fs.String("reviewer", "", "the reviewer's `NAME` (required)")
	note := fs.String("note", "", "why, for the version history")
	if err := parse(fs, args); err != nil {
		return err
	}
	if strings.TrimSpace(*who) == "" {
		return fmt.Errorf("%w: --reviewer is required", errUsage)
	}
	if fs.NArg() < 3 {
		return fmt.Errorf("%w: give set, split or merge, an incident id and what to change", errUsage)
	}
	action, id, rest := fs.Arg(0), fs.Arg(1), fs.Args()[2:]
	cause := sitrep.Cause{Reviewer: *who, Note: *note}

	var apply func(tx sitrep.IncidentTx) error
	var report func() error
	switch action {
	case "set":
		fields := map[string]json.RawMessage{}
		for _, a := range rest {
			name, value, ok := strings.Cut(a, "=")
			if !ok || name == "" {
				return fmt.Errorf("%w: %q is not FIELD=VALUE", errUsage, a)
			}
			if !reconcile.Correctable(name) {
				return fmt.Errorf("%w: field %q cannot be corrected", errUsage, name)
			}
			fields[name] = fieldValue(name, value)
		}
		var inc *sitrep.Incident
		apply = func(tx sitrep.IncidentTx) (err error) {
			inc, err = reconcile.Correct(ctx, tx, id, fields, cause)
			return err
		}
		report = func() error {
			enc := json.NewEncoder(e.stdout)
			enc.SetEscapeHTML(false)
			return enc.Encode(inc)
		}
	case "split":
		var newID string
		apply = func(tx sitrep.IncidentTx) (err error) {
			newID, err = reconcile.Split(ctx, tx, id, rest, cause)
			return err
		}
		report = func() error {
			_, err := fmt.Fprintln(e.stdout, newID)
			return err
		}
	case "merge":
		apply = func(tx sitrep.IncidentTx) error {
			return reconcile.MergeIncidents(ctx, tx, id, rest, cause)
		}
		report = func() error {
			_, err := fmt.Fprintln(e.stdout, id)
			return err
		}
	default:
		return fmt.Errorf("%w: unknown action %q: want set, split or merge", errUsage, action)
	}

	store, err := openIncidentStore(ctx, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	if err := store.Update(ctx, apply); err != nil {
		return err
	}
	return report()
}

// fieldValue reads VALUE of FIELD=VALUE: as JSON when it is JSON of a kind
// the field takes, and as a string otherwise, so that location=Kafranbel
// and fatalities=12 both read as meant, and notes=12 stays text.
func fieldValue(field, value string) json.RawMessage {
	var v any
	if json.Unmarshal([]byte(value), &v) == nil {
		_, isString := v.(string)
		if textField[field] == isString || v == nil {
			return json.RawMessage(value)
		}
	}
	b, _ := json.Marshal(value)
	return b
}

// textField lists the correctable fields whose JSON values are strings.
var textField = map[string]bool{
	"event_type": true, "sub_event_type": true, "cameo": true, "plover": true,
	"actor1": true, "assoc_actor_1": true, "actor2": true, "assoc_actor_2": true,
	"location": true, "country": true, "iso3": true, "admin1": true, "admin2": true,
	"event_date": true, "date_end": true, "notes": true, "grade": true,
}
