-- A migration that changes a distributed table and then a distributed function in one transaction fails in Citus's
-- default parallel mode ("cannot run function command because there was a parallel operation on a distributed table in
-- the transaction"): each shard's change then goes over the one connection per worker the function command needs.
SET LOCAL citus.multi_shard_modify_mode TO 'sequential';
