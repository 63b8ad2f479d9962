COPY analytics.events TO STDOUT (FORMAT BINARY)
