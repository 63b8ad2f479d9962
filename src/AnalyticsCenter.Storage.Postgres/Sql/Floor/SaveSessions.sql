COPY analytics.sessions TO STDOUT (FORMAT BINARY)
