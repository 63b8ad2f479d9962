COPY analytics.deployments TO STDOUT (FORMAT BINARY)
