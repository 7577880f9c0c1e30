package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"reflect"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/ingest"
)

// MaxPostedDocuments bounds the documents one POST may carry.
const MaxPostedDocuments = 1000

// DocumentView is GET /api/documents/{id}: the cleaned text and every span
// into it. Spans count Unicode code points of text, as JavaScript and
// Python index strings.
type DocumentView struct {
	ID        string           `json:"id"`
	Title     string           `json:"title"`
	Outlet    string           `json:"outlet"`
	URL       string           `json:"url"`
	Author    string           `json:"author"`
	Lang      string           `json:"lang"`
	Published string           `json:"published" doc:"RFC 3339, or empty when unknown"`
	Dateline  *sitrep.Dateline `json:"dateline,omitempty"`
	Text      string           `json:"text" doc:"the cleaned text every span points into"`
	Events    []sitrep.Event   `json:"events" doc:"the events extracted from this document, with code point spans"`
	Spans     []DocSpan        `json:"spans" doc:"every evidence and claim span, in text order, for highlighting"`
	// Unresolved lists the names that read as places but that the
	// gazetteer could not place, so that a user can add them.
	Unresolved []sitrep.UnresolvedPlace `json:"unresolved_places" doc:"names that read as places but that the gazetteer could not place, with code point spans and the place used instead"`
}

// DocSpan is one span of a document, with what it is evidence of.
type DocSpan = sitrep.FieldSpan

// NewDocument is one document as POST /api/documents takes it in JSON.
// Exactly one of text and html is required.
type NewDocument struct {
	ID        string `json:"id,omitempty" maxLength:"500" doc:"your id for it, used in error messages; the store assigns its own"`
	Title     string `json:"title,omitempty" maxLength:"2000"`
	URL       string `json:"url,omitempty" maxLength:"4000"`
	Outlet    string `json:"outlet,omitempty" maxLength:"500"`
	Author    string `json:"author,omitempty" maxLength:"500"`
	Lang      string `json:"lang,omitempty" maxLength:"20"`
	Published string `json:"published,omitempty" doc:"YYYY-MM-DD or RFC 3339: dates in the text resolve against it"`
	Text      string `json:"text,omitempty" doc:"plain text"`
	HTML      string `json:"html,omitempty" doc:"an HTML page; the article is extracted from it"`
}

type postInput struct {
	ContentType string `header:"Content-Type"`
	Title       string `query:"title" doc:"for a text or HTML body: its title"`
	URL         string `query:"url" doc:"for a text or HTML body: where it was published"`
	Outlet      string `query:"outlet" doc:"for a text or HTML body: its outlet"`
	Published   string `query:"published" doc:"for a text or HTML body: YYYY-MM-DD or RFC 3339"`
	RawBody     []byte `contentType:"text/plain"`
}

// PostedDocument says what became of one posted document.
type PostedDocument struct {
	Name string `json:"name" doc:"the document's id as posted, or its position"`
	Ingested
}

// Posted is POST /api/documents' answer.
type Posted struct {
	Documents []PostedDocument `json:"documents"`
}

type postOutput struct {
	Status int
	Body   *Posted
}

type documentInput struct {
	ID string `path:"id" maxLength:"500"`
}

type documentOutput struct{ Body *DocumentView }

func (s *Server) registerDocuments() {
	huma.Register(s.api, huma.Operation{
		OperationID: "get-document",
		Method:      http.MethodGet,
		Path:        "/api/documents/{id}",
		Summary:     "One stored document: cleaned text, events and spans",
		Tags:        []string{"documents"},
		Errors:      []int{http.StatusNotFound},
	}, s.getDocument)

	reg := s.api.OpenAPI().Components.Schemas
	one := reg.Schema(reflect.TypeFor[NewDocument](), true, "NewDocument")
	huma.Register(s.api, huma.Operation{
		OperationID: "post-documents",
		Method:      http.MethodPost,
		Path:        "/api/documents",
		Summary:     "Ingest documents",
		Description: "Takes one document or an array of them as JSON (NewDocument), or one document as a " +
			"text/plain or text/html body described by the query parameters. Each is cleaned, its events " +
			"extracted and reconciled into incidents. Answers 201 when any document was new, 200 when all " +
			"were already stored.",
		Tags:         []string{"documents"},
		MaxBodyBytes: s.opt.MaxBodyBytes,
		// The body is read here (readJSONDocuments), with errors that name
		// the document; huma knows no text/plain or text/html decoder.
		SkipValidateBody: true,
		RequestBody: &huma.RequestBody{
			Required: true,
			Content: map[string]*huma.MediaType{
				"application/json": {Schema: &huma.Schema{OneOf: []*huma.Schema{one, {Type: "array", Items: one, MaxItems: ptr(MaxPostedDocuments)}}}},
				"text/html":        {Schema: &huma.Schema{Type: "string"}},
			},
		},
		Errors: []int{http.StatusBadRequest, http.StatusRequestEntityTooLarge, http.StatusUnsupportedMediaType, http.StatusUnprocessableEntity, http.StatusServiceUnavailable},
	}, s.postDocuments)
}

func ptr[T any](v T) *T { return &v }

func (s *Server) getDocument(ctx context.Context, in *documentInput) (*documentOutput, error) {
	doc, events, err := s.store.Document(ctx, in.ID)
	if err != nil {
		return nil, s.notFound("document", in.ID, err)
	}
	v := &DocumentView{ID: doc.ID, Title: doc.Title, Outlet: doc.Outlet, URL: doc.URL, Author: doc.Author,
		Lang: doc.Lang, Text: doc.Text}
	if !doc.Published.IsZero() {
		v.Published = doc.Published.Format(time.RFC3339)
	}
	off := sitrep.NewOffsets(doc.Text)
	v.Dateline = off.Dateline(doc.Dateline)
	v.Events, v.Spans = off.Evidence(events)
	v.Unresolved = off.Unresolved(doc.Unresolved)
	if v.Unresolved == nil {
		v.Unresolved = []sitrep.UnresolvedPlace{}
	}
	return &documentOutput{Body: v}, nil
}

func (s *Server) postDocuments(ctx context.Context, in *postInput) (*postOutput, error) {
	if s.opt.Ingest == nil {
		return nil, huma.Error503ServiceUnavailable("this server does not ingest documents")
	}
	media, _, err := mime.ParseMediaType(in.ContentType)
	if err != nil && in.ContentType != "" {
		return nil, huma.Error415UnsupportedMediaType(fmt.Sprintf("unreadable Content-Type %q", in.ContentType))
	}
	var docs []*sitrep.Document
	var names []string
	switch media {
	case "application/json":
		docs, names, err = readJSONDocuments(in.RawBody)
	case "text/plain", "text/html", "application/xhtml+xml":
		var doc *sitrep.Document
		doc, err = readBodyDocument(media, in)
		docs, names = []*sitrep.Document{doc}, []string{"body"}
	default:
		return nil, huma.Error415UnsupportedMediaType(fmt.Sprintf("Content-Type %q: send application/json, text/plain or text/html", in.ContentType))
	}
	if err != nil {
		var he huma.StatusError
		if errors.As(err, &he) {
			return nil, err
		}
		return nil, huma.Error422UnprocessableEntity(err.Error())
	}
	res, err := s.opt.Ingest(ctx, docs)
	if err != nil {
		return nil, s.internal("ingesting documents", err)
	}
	out := &postOutput{Status: http.StatusOK, Body: &Posted{Documents: make([]PostedDocument, 0, len(res))}}
	for i, r := range res {
		name := ""
		if i < len(names) {
			name = names[i]
		}
		if r.Incidents == nil {
			r.Incidents = []string{}
		}
		if r.Created {
			out.Status = http.StatusCreated
		}
		out.Body.Documents = append(out.Body.Documents, PostedDocument{Name: name, Ingested: r})
	}
	return out, nil
}

// readJSONDocuments reads one NewDocument or an array of them. Unknown
// fields are errors: a misspelt "publshed" would otherwise be silently
// dropped.
func readJSONDocuments(body []byte) ([]*sitrep.Document, []string, error) {
	body = bytes.TrimSpace(body)
	if len(body) == 0 {
		return nil, nil, huma.Error400BadRequest("empty body: send a document or an array of documents")
	}
	var list []NewDocument
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	var err error
	if body[0] == '[' {
		err = dec.Decode(&list)
	} else {
		var one NewDocument
		err = dec.Decode(&one)
		list = []NewDocument{one}
	}
	if err == nil && dec.More() {
		err = errors.New("trailing data after the JSON value")
	} else if err == nil {
		if _, terr := dec.Token(); terr != io.EOF {
			err = errors.New("trailing data after the JSON value")
		}
	}
	if err != nil {
		return nil, nil, huma.Error400BadRequest("malformed JSON body: " + err.Error())
	}
	if len(list) == 0 {
		return nil, nil, huma.Error422UnprocessableEntity("no documents in the array")
	}
	if len(list) > MaxPostedDocuments {
		return nil, nil, huma.Error422UnprocessableEntity(fmt.Sprintf("%d documents: post at most %d at once", len(list), MaxPostedDocuments))
	}
	docs := make([]*sitrep.Document, len(list))
	names := make([]string, len(list))
	for i, nd := range list {
		name := nd.ID
		if name == "" {
			name = fmt.Sprintf("documents[%d]", i)
		}
		names[i] = name
		doc, err := nd.document(name)
		if err != nil {
			return nil, nil, err
		}
		docs[i] = doc
	}
	return docs, names, nil
}

// document turns nd into a cleaned document named name.
func (nd NewDocument) document(name string) (*sitrep.Document, error) {
	var opt ingest.Options
	opt.Outlet = nd.Outlet
	if nd.Published != "" {
		t, err := parseWhen(nd.Published)
		if err != nil {
			return nil, fmt.Errorf("%s: published: %w", name, err)
		}
		opt.Published = t
	}
	var doc *sitrep.Document
	var err error
	switch {
	case nd.Text != "" && nd.HTML != "":
		return nil, fmt.Errorf("%s: give text or html, not both", name)
	case nd.HTML != "":
		doc, err = ingest.HTML(name, []byte(nd.HTML), opt)
	case nd.Text != "":
		doc, err = ingest.Text(name, []byte(nd.Text), opt)
	default:
		return nil, fmt.Errorf("%s: no text: give text or html", name)
	}
	if err != nil {
		return nil, err
	}
	if !opt.Published.IsZero() {
		doc.Published = opt.Published
	}
	if nd.Title != "" {
		doc.Title = nd.Title
	}
	if nd.URL != "" {
		doc.URL = nd.URL
	}
	if nd.Author != "" {
		doc.Author = nd.Author
	}
	if nd.Lang != "" {
		doc.Lang = nd.Lang
	}
	doc.Source = "api"
	return doc, nil
}

func readBodyDocument(media string, in *postInput) (*sitrep.Document, error) {
	nd := NewDocument{ID: "body", Title: in.Title, URL: in.URL, Outlet: in.Outlet, Published: in.Published}
	if strings.TrimSpace(string(in.RawBody)) == "" {
		return nil, huma.Error400BadRequest("empty body")
	}
	if media == "text/plain" {
		nd.Text = string(in.RawBody)
	} else {
		nd.HTML = string(in.RawBody)
	}
	return nd.document("body")
}

// parseWhen reads YYYY-MM-DD or RFC 3339.
func parseWhen(s string) (time.Time, error) {
	if t, err := time.Parse(sitrep.DateLayout, s); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("%q is neither YYYY-MM-DD nor RFC 3339", s)
}
