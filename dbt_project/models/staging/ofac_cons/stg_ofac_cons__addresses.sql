{{ stg_ofac_addresses('raw_ofac_cons', 'OFACCONS') }}
