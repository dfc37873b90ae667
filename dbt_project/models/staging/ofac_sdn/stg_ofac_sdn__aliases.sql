{{ stg_ofac_aliases('raw_ofac_sdn', 'OFAC') }}
