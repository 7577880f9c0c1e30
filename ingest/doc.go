// Package ingest turns what sitrep is given to read — plain text files, web
// pages saved as HTML, JSON Lines of documents — into sitrep.Documents whose
// Text is cleaned once, here, so that every span later stages record points
// into the same string.
//
// Walk reads files, folders and standard input in order and hands each
// document, or the error that stopped it, to a callback: one bad file never
// stops the others. Text, HTML and JSONL read one input each. Clean is the
// text normalisation they all share, and Dateline finds the wire dateline
// ("BEIRUT (Reuters) -") that says where a story was filed.
//
// The lists behind cleaning and datelines are data, embedded from
// layout.txt (page furniture dropped from texts), agencies.txt (news
// agencies and their aliases) and notplaces.txt (capitalised slugs that are
// not places).
package ingest
