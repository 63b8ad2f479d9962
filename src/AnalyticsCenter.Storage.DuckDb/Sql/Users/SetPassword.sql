UPDATE ac.users SET password_hash = $password WHERE user_id = $id;
