// GraphStore.datasetInfo: the :Dataset singleton written by db:seed.
// @params: none
MATCH (d:Dataset {id: 'dataset'})
RETURN d.version AS version, d.builtAt AS builtAt
