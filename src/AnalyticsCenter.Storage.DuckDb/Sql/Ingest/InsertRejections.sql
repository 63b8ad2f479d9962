INSERT INTO ac.rejections SELECT * FROM staged_rejections;
