// manifest-check validates the deployment files without a cluster or a Docker daemon.
//
//	manifest-check kustomize DIR   renders DIR with kustomize's own library, decodes every
//	                               object strictly into its k8s.io/api type (unknown kinds,
//	                               unknown or duplicate fields and wrong types fail), and
//	                               prints the rendered objects as one JSON array.
//	manifest-check compose FILE    loads FILE with compose-go, the loader of `docker compose`
//	                               (compose-spec JSON schema, interpolation, env files), and
//	                               prints the resolved project as JSON.
//	manifest-check yaml FILE       parses FILE strictly (duplicate keys fail) and prints it as
//	                               JSON: for Helm values files, checked by the tests.
//
// Exit status 1 and a message on stderr for the first file that does not validate.
package main

import (
	"fmt"
	"os"
)

func main() {
	if len(os.Args) != 3 {
		fail(fmt.Errorf("usage: manifest-check kustomize DIR | compose FILE | yaml FILE"))
	}
	var out []byte
	var err error
	switch os.Args[1] {
	case "kustomize":
		out, err = checkKustomize(os.Args[2])
	case "compose":
		out, err = checkCompose(os.Args[2])
	case "yaml":
		out, err = yamlToJSON(os.Args[2])
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fail(err)
	}
	os.Stdout.Write(out)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "manifest-check:", err)
	os.Exit(1)
}
