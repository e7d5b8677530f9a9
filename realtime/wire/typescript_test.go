package wire

import (
	"flag"
	"fmt"
	"go/ast"
	"go/doc"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// The frontend's frame types (frontend/src/lib/wire.ts) are generated from the Go types here,
// so that the web app cannot read a frame differently from how the server writes it. The
// generator lives in a test file: the server binary has no use for it.

// wireTS is where the generated types live, from this package's directory.
const wireTS = "../../frontend/src/lib/wire.ts"

// regenerate is the command that rewrites wire.ts, as the stale-file message gives it.
const regenerate = "go test ./realtime/wire -run TestTheFrontendFrameTypesAreTheGoOnes -update"

var update = flag.Bool("update", false, "rewrite "+wireTS+" from the Go frame types")

// TestTheFrontendFrameTypesAreTheGoOnes fails when wire.ts is not what the Go types give.
func TestTheFrontendFrameTypesAreTheGoOnes(t *testing.T) {
	want, err := TypeScript(".")
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(wireTS, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(wireTS)
	if err != nil {
		t.Fatalf("read the frontend's frame types: %v; run %q", err, regenerate)
	}
	if string(got) != want {
		t.Fatalf("frontend/src/lib/wire.ts differs from the Go frame types in realtime/wire (first difference at line %d): "+
			"run 'make frontend' (it runs %q and rebuilds frontend/dist) and commit both",
			firstDiffLine(string(got), want), regenerate)
	}
}

func firstDiffLine(a, b string) int {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return i + 1
		}
	}
	return min(len(al), len(bl)) + 1
}

// TypeScript is wire.ts for the frame types of the package whose sources are in dir: one
// interface per Go struct, the frame union, and the set of frame types.
func TypeScript(dir string) (string, error) { return typeScript(dir, ServerFrames) }

func typeScript(dir string, frames []FrameType) (string, error) {
	docs, err := readDocs(dir)
	if err != nil {
		return "", err
	}
	g := &tsGen{docs: docs, done: map[reflect.Type]bool{}, frameT: map[reflect.Type]string{}}
	for _, f := range frames {
		g.frameT[reflect.TypeOf(f.Type)] = f.T
	}
	g.line("// Generated from the Go frame types in realtime/wire (the live protocol, realtime/PROTOCOL.md).")
	g.line("// Do not edit: change the Go types and run `" + regenerate + "`.")
	g.line("")
	quoted := make([]string, len(ClientFrameTypes))
	for i, t := range ClientFrameTypes {
		quoted[i] = tsString(t)
	}
	g.line("/** The type of a frame a client sends. */")
	g.line("export type ClientFrameType = " + strings.Join(quoted, " | ") + ";")
	g.line("")
	if err := g.declare(reflect.TypeOf(ClientFrame{})); err != nil {
		return "", err
	}
	var union, names []string
	for _, f := range frames {
		rt := reflect.TypeOf(f.Type)
		if err := g.declare(rt); err != nil {
			return "", err
		}
		frame, err := g.frame(rt, f.T)
		if err != nil {
			return "", err
		}
		union, names = append(union, frame), append(names, tsString(f.T))
	}
	g.line("/** Any frame the server sends; `t` tells which. */")
	g.line("export type ServerFrame =")
	for i, u := range union {
		end := ""
		if i == len(union)-1 {
			end = ";"
		}
		g.line("  | " + u + end)
	}
	g.line("")
	g.line("/** The type of a frame the server sends. */")
	g.line("export type ServerFrameType = ServerFrame['t'];")
	g.line("")
	g.line("/** Every frame type the server sends. */")
	g.line("export const serverFrameTypes: ReadonlySet<string> = new Set<ServerFrameType>([")
	for _, n := range names {
		g.line("  " + n + ",")
	}
	g.line("]);")
	g.line("")
	g.line("/** Whether t is the type of a frame the server sends. */")
	g.line("export function isServerFrameType(t: unknown): t is ServerFrameType {")
	g.line("  return typeof t === 'string' && serverFrameTypes.has(t);")
	g.line("}")
	return g.b.String(), nil
}

// typeDocs are the doc comments of a Go type and of its fields.
type typeDocs struct {
	doc    string
	fields map[string]string
}

// readDocs reads the doc comments of the struct types declared in dir's non-test sources.
func readDocs(dir string) (map[string]typeDocs, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	fset := token.NewFileSet()
	var files []*ast.File
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", name, err)
		}
		files = append(files, f)
	}
	p, err := doc.NewFromFiles(fset, files, "hoithi/realtime/wire", doc.PreserveAST)
	if err != nil {
		return nil, err
	}
	docs := map[string]typeDocs{}
	for _, t := range p.Types {
		td := typeDocs{doc: t.Doc, fields: map[string]string{}}
		for _, spec := range t.Decl.Specs {
			ts, ok := spec.(*ast.TypeSpec)
			if !ok || ts.Name.Name != t.Name {
				continue
			}
			st, ok := ts.Type.(*ast.StructType)
			if !ok {
				continue
			}
			for _, f := range st.Fields.List {
				if f.Doc == nil {
					continue
				}
				for _, n := range f.Names {
					td.fields[n.Name] = f.Doc.Text()
				}
			}
		}
		docs[t.Name] = td
	}
	return docs, nil
}

// tsGen writes TypeScript declarations, each Go struct once, in the order first met.
type tsGen struct {
	b      strings.Builder
	docs   map[string]typeDocs
	done   map[reflect.Type]bool
	frameT map[reflect.Type]string // the t of each frame struct
}

func (g *tsGen) line(s string) { g.b.WriteString(s + "\n") }

// comment writes text as a JSDoc comment at indent, or nothing when text is empty.
func (g *tsGen) comment(indent, text string) {
	text = strings.TrimSpace(text)
	if text == "" {
		return
	}
	text = strings.ReplaceAll(text, "*/", "*\\/")
	lines := strings.Split(text, "\n")
	if len(lines) == 1 {
		g.line(indent + "/** " + lines[0] + " */")
		return
	}
	g.line(indent + "/**")
	for _, l := range lines {
		g.line(strings.TrimRight(indent+" * "+l, " "))
	}
	g.line(indent + " */")
}

// member is one member of a TypeScript interface.
type member struct {
	name, tsType, doc string
	optional          bool
}

// members lists the JSON members of struct rt, embedded structs inlined as encoding/json does.
func (g *tsGen) members(rt reflect.Type) ([]member, []reflect.Type, error) {
	var out []member
	var nested []reflect.Type
	for i := range rt.NumField() {
		f := rt.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
			ms, ns, err := g.members(f.Type)
			if err != nil {
				return nil, nil, err
			}
			out, nested = append(out, ms...), append(nested, ns...)
			continue
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		omitempty := slices.Contains(strings.Split(opts, ","), "omitempty")
		ts, ns, err := tsType(f.Type, omitempty)
		if err != nil {
			return nil, nil, fmt.Errorf("%s.%s: %w", rt.Name(), f.Name, err)
		}
		if t, ok := g.frameT[rt]; ok && name == "t" {
			ts = tsString(t)
		} else if rt == reflect.TypeOf(ClientFrame{}) && name == "t" {
			ts = "ClientFrameType"
		}
		out = append(out, member{name: name, tsType: ts, doc: g.docs[rt.Name()].fields[f.Name], optional: omitempty})
		nested = append(nested, ns...)
	}
	return out, nested, nil
}

// declare writes the interface of struct rt and then of the structs it holds, each once.
func (g *tsGen) declare(rt reflect.Type) error {
	if g.done[rt] {
		return nil
	}
	g.done[rt] = true
	ms, nested, err := g.members(rt)
	if err != nil {
		return err
	}
	g.comment("", g.docs[rt.Name()].doc)
	g.line("export interface " + rt.Name() + " {")
	for _, m := range ms {
		g.comment("  ", m.doc)
		opt := ""
		if m.optional {
			opt = "?"
		}
		g.line("  " + m.name + opt + ": " + m.tsType + ";")
	}
	g.line("}")
	g.line("")
	for _, n := range nested {
		if err := g.declare(n); err != nil {
			return err
		}
	}
	return nil
}

// frame returns the name of the frame form of struct rt, declaring it when it differs from
// rt: a struct that is also a snapshot's part has t and seq omitempty, always there in a frame.
func (g *tsGen) frame(rt reflect.Type, t string) (string, error) {
	ms, _, err := g.members(rt)
	if err != nil {
		return "", err
	}
	var required []string
	for _, m := range ms {
		if m.optional && (m.name == "t" || m.name == "seq") {
			required = append(required, m.name+": "+m.tsType+";")
		}
	}
	if !slices.ContainsFunc(ms, func(m member) bool { return m.name == "t" }) {
		return "", fmt.Errorf("frame %s has no t member", rt.Name())
	}
	if len(required) == 0 {
		return rt.Name(), nil
	}
	name := rt.Name() + "Frame"
	g.comment("", fmt.Sprintf("The %s frame: %s as it is sent on its own, with its t and seq.", tsString(t), rt.Name()))
	g.line("export interface " + name + " extends " + rt.Name() + " {")
	for _, r := range required {
		g.line("  " + r)
	}
	g.line("}")
	g.line("")
	return name, nil
}

// tsType is the TypeScript type of Go type rt, with the structs it names.
func tsType(rt reflect.Type, omitempty bool) (string, []reflect.Type, error) {
	switch rt.Kind() {
	case reflect.String:
		return "string", nil, nil
	case reflect.Bool:
		return "boolean", nil, nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		return "number", nil, nil
	case reflect.Slice, reflect.Array:
		el, ns, err := tsType(rt.Elem(), false)
		if err != nil {
			return "", nil, err
		}
		if strings.Contains(el, " ") {
			el = "(" + el + ")"
		}
		return el + "[]", ns, nil
	case reflect.Map:
		if rt.Key().Kind() != reflect.String {
			return "", nil, fmt.Errorf("map key %s: only string keys", rt.Key())
		}
		el, ns, err := tsType(rt.Elem(), false)
		if err != nil {
			return "", nil, err
		}
		return "Record<string, " + el + ">", ns, nil
	case reflect.Pointer:
		el, ns, err := tsType(rt.Elem(), false)
		if err != nil {
			return "", nil, err
		}
		if omitempty {
			// encoding/json leaves a nil pointer out: the member is optional, never null.
			return el, ns, nil
		}
		return el + " | null", ns, nil
	case reflect.Struct:
		if rt.Name() == "" {
			return "", nil, fmt.Errorf("anonymous struct: give it a name")
		}
		return rt.Name(), []reflect.Type{rt}, nil
	case reflect.Interface:
		return "unknown", nil, nil
	}
	return "", nil, fmt.Errorf("no TypeScript for %s", rt)
}

// tsString is s as a TypeScript string literal.
func tsString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

// TestGoTypesMapToTypeScriptAsTheServerSendsThem checks the mapping on types of every kind.
func TestGoTypesMapToTypeScriptAsTheServerSendsThem(t *testing.T) {
	type inner struct{ A int }
	cases := []struct {
		name      string
		v         any
		omitempty bool
		want      string
	}{
		{"a string stays a string", "", false, "string"},
		{"every Go number is a number", int64(0), false, "number"},
		{"a bool is a boolean", false, false, "boolean"},
		{"a slice is an array", []int{}, false, "number[]"},
		{"a pointer may be null", (*inner)(nil), false, "inner | null"},
		{"an omitempty pointer is left out, never null", (*inner)(nil), true, "inner"},
		{"a slice of pointers parenthesises the union", []*inner{}, false, "(inner | null)[]"},
		{"a string map is a record", map[string]bool{}, false, "Record<string, boolean>"},
	}
	for _, c := range cases {
		got, _, err := tsType(reflect.TypeOf(c.v), c.omitempty)
		if err != nil || got != c.want {
			t.Errorf("%s: got %q (%v), want %q", c.name, got, err, c.want)
		}
	}
	if _, _, err := tsType(reflect.TypeOf(func() {}), false); err == nil {
		t.Error("a func maps to TypeScript instead of failing")
	}
}

// TestEveryFrameTypeIsListedOnceAndEveryStructIsDeclared checks the generator's list against
// the type constants and its output against the Go types.
func TestEveryFrameTypeIsListedOnceAndEveryStructIsDeclared(t *testing.T) {
	seen := map[string]bool{}
	for _, f := range ServerFrames {
		if seen[f.T] {
			t.Errorf("frame type %q listed twice", f.T)
		}
		seen[f.T] = true
	}
	ts, err := TypeScript(".")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range ServerFrames {
		name := reflect.TypeOf(f.Type).Name()
		if !strings.Contains(ts, "export interface "+name+" {") {
			t.Errorf("wire.ts lacks the interface of %s", name)
		}
		if !strings.Contains(ts, "  t: "+tsString(f.T)+";") {
			t.Errorf("wire.ts does not type t of %s as %s", name, tsString(f.T))
		}
	}
	for _, want := range []string{
		"/** PingMs is how often the phone should ping: the server's pace, slower in a big crowd. */\n  ping_ms: number;",
		"export interface ItemFrame extends Item {\n  t: 'item';\n  seq: number;\n}",
		"  result?: Result;",
		"  item: Item | null;",
		"  t: ClientFrameType;",
	} {
		if !strings.Contains(ts, want) {
			t.Errorf("wire.ts lacks %q", want)
		}
	}
}

// dancer and dance stand for a frame added to the protocol later.
type dancer struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type dance struct {
	T     string   `json:"t"`
	Seq   int64    `json:"seq"`
	First *dancer  `json:"first"`
	Queue []dancer `json:"queue"`
}

func TestAFrameAddedToTheListIsGeneratedWithNothingElseChanged(t *testing.T) {
	ts, err := typeScript(".", append(slices.Clone(ServerFrames), FrameType{"dance", dance{}}))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"export interface dance {\n  t: 'dance';\n  seq: number;\n  first: dancer | null;\n  queue: dancer[];\n}",
		"export interface dancer {\n  id: string;\n  name: string;\n}",
		"\n  | dance;",
		"  'dance',\n]);",
	} {
		if !strings.Contains(ts, want) {
			t.Errorf("the generated types lack %q", want)
		}
	}
}

// TestEveryServerFrameTypeConstantIsInServerFrames reads the constants under "Frame types the
// server sends" and wants each in ServerFrames, so a new frame type cannot be left out of the
// frontend's types.
func TestEveryServerFrameTypeConstantIsInServerFrames(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "wire.go", nil, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, fr := range ServerFrames {
		listed[fr.T] = true
	}
	found := 0
	for _, decl := range f.Decls {
		gd, ok := decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.CONST || gd.Doc == nil || !strings.HasPrefix(gd.Doc.Text(), "Frame types the server sends") {
			continue
		}
		for _, spec := range gd.Specs {
			vs := spec.(*ast.ValueSpec)
			for i, v := range vs.Values {
				lit, ok := v.(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					continue
				}
				found++
				if s := strings.Trim(lit.Value, `"`); !listed[s] {
					t.Errorf("%s (%s) is not in ServerFrames", vs.Names[i].Name, s)
				}
			}
		}
	}
	if found == 0 {
		t.Fatal("no constants under \"Frame types the server sends\" in wire.go")
	}
}
