SELECT nextval('ac.upload_ids');
