{{ stg_ofac_aliases('raw_ofac_cons', 'OFACCONS') }}
