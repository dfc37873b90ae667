{{ stg_ofac_entries('raw_ofac_cons', 'OFACCONS') }}
