package main

import (
	"os"

	"sigs.k8s.io/yaml"
)

func yamlToJSON(file string) ([]byte, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var value any
	if err := yaml.UnmarshalStrict(data, &value); err != nil {
		return nil, err
	}
	return yaml.YAMLToJSONStrict(data)
}
